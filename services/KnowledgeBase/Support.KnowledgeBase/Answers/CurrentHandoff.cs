using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Answers;

/// <summary>A labelled question of the service's evaluation set, with the evidence the bot measured for it.</summary>
public sealed record CalibrationQuestion(string Question, string Locale, string Kind, bool Answered, AnswerEvidence Evidence)
{
    public LabelledEvidence Labelled => new(Evidence, Answered);
}

/// <summary>
/// The hand-off model in use: the newest recalibration (by any instance), else version 0, fitted at first use to the
/// labelled questions shipped with the service (Answers/handoff-questions.json).
/// </summary>
public sealed class CurrentHandoff(IOptions<KnowledgeBaseOptions> options)
{
    private static readonly Lazy<IReadOnlyList<CalibrationQuestion>> Shipped = new(() =>
    {
        using var stream = typeof(CurrentHandoff).Assembly.GetManifestResourceStream("Support.KnowledgeBase.Answers.handoff-questions.json")
            ?? throw new InvalidOperationException("The shipped hand-off questions are missing from the assembly.");
        return JsonSerializer.Deserialize<CalibrationQuestion[]>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    });

    private readonly Lazy<HandoffCalibration> shipped = new(() => HandoffCalibration.Fit([.. Shipped.Value.Select(q => q.Labelled)], [], options.Value.HandoffShare, now: null));
    private HandoffCalibration? latest;
    private long checkedAt = long.MinValue;

    public static IReadOnlyList<CalibrationQuestion> ShippedQuestions => Shipped.Value;

    public double HandoffShare => options.Value.HandoffShare;

    public async Task<HandoffCalibration> ModelAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref checkedAt) >= (long)options.Value.CalibrationRefreshInterval.TotalMilliseconds)
        {
            Interlocked.Exchange(ref checkedAt, now);
            var version = await db.HandoffCalibrations.MaxAsync(c => (int?)c.Version, ct);
            if (version is not null && version != latest?.Version)
                latest = await db.HandoffCalibrations.AsNoTracking().FirstAsync(c => c.Version == version, ct);
        }
        return latest ?? shipped.Value;
    }

    /// <summary>Serves a calibration this instance just fitted, without waiting for the next refresh.</summary>
    public void Use(HandoffCalibration calibration) => latest = calibration;
}
