using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Routing.Classification;
using Support.Routing.Data;

namespace Support.Routing.Classifier;

public sealed class ClassifierOptions
{
    /// <summary>Below this confidence a prediction is not used: the ticket routes by the group's default.</summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>The same for a predicted priority: words tell urgency less reliably than topic, so the bar is higher.</summary>
    public double PriorityMinConfidence { get; set; } = 0.8;

    /// <summary>How often an instance looks for a model trained by another instance.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The model's best guesses; Category and Priority are those confident enough to act on.</summary>
public sealed record TicketPrediction(
    string BestCategory, double CategoryConfidence, string? BestPriority, double? PriorityConfidence, ClassifierOptions Thresholds, int ModelVersion)
{
    public string? Category => CategoryConfidence >= Thresholds.MinConfidence ? BestCategory : null;
    public string? Priority => PriorityConfidence >= Thresholds.PriorityMinConfidence ? BestPriority : null;
}

/// <summary>The latest trained model, shared by all requests of this instance and reloaded when a newer one is trained anywhere.</summary>
public sealed class CurrentClassifier(IOptions<ClassifierOptions> options)
{
    private sealed record Loaded(int Version, TextClassifier Category, TextClassifier? Priority);

    private Loaded? loaded;
    private long checkedAt = long.MinValue;

    public double MinConfidence => options.Value.MinConfidence;

    /// <summary>The prediction for a ticket's text, or null while no model has been trained.</summary>
    public async Task<TicketPrediction?> PredictAsync(RoutingDbContext db, string subject, string description, bool predictPriority, CancellationToken ct)
    {
        if (await LatestAsync(db, ct) is not { } model)
            return null;
        var text = TicketText.Of(subject, description);
        var category = model.Category.Predict(text);
        var priority = predictPriority ? model.Priority?.Predict(text) : null;
        return new TicketPrediction(category.Label, category.Confidence, priority?.Label, priority?.Confidence, options.Value, model.Version);
    }

    /// <summary>Serves a model this instance just trained, without waiting for the next refresh.</summary>
    public void Use(ClassifierModel model) => loaded = Load(model);

    private async Task<Loaded?> LatestAsync(RoutingDbContext db, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref checkedAt) < (long)options.Value.RefreshInterval.TotalMilliseconds)
            return loaded;
        Interlocked.Exchange(ref checkedAt, now);
        var version = await db.ClassifierModels.MaxAsync(m => (int?)m.Version, ct);
        if (version is null || version == loaded?.Version)
            return loaded;
        var model = await db.ClassifierModels.AsNoTracking().FirstAsync(m => m.Version == version, ct);
        return loaded = Load(model);
    }

    private static Loaded Load(ClassifierModel model) => new(
        model.Version,
        TextClassifier.Deserialize(model.CategoryModel),
        model.PriorityModel is null ? null : TextClassifier.Deserialize(model.PriorityModel));
}
