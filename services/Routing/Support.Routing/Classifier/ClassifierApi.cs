using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Categories;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Classifier;

public record ExampleInput(string? Subject, string? Description, string? Category, string? Priority);

public record ImportExamplesRequest(List<ExampleInput?>? Examples);

public record ImportExamplesResponse(int Imported, int Total);

public record PredictRequest(string? Subject, string? Description);

/// <summary>The best guesses with their confidence; confident: whether routing would act on the category.</summary>
public record PredictResponse(string Category, double CategoryConfidence, bool Confident, string? Priority, double? PriorityConfidence, int ModelVersion);

public static class ClassifierApi
{
    public const int MaxImport = 5000;

    public static RouteGroupBuilder MapClassifierApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/routing/classifier").WithTags("Classifier");
        api.MapPost("/examples", Import).WithName("ImportClassifierExamples");
        api.MapPost("/train", Train).WithName("TrainClassifier").ProducesProblem(409);
        api.MapGet("/", Get).WithName("GetClassifier").ProducesProblem(404);
        api.MapPost("/predict", Predict).WithName("PredictCategory").ProducesProblem(409);
        return api;
    }

    /// <summary>Adds labelled tickets (from another helpdesk, say) to learn from, besides the tickets resolved here.</summary>
    public static async Task<Results<Ok<ImportExamplesResponse>, ValidationProblem>> Import(
        ImportExamplesRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Examples is not { Count: > 0 and <= MaxImport })
            errors.Add("examples", $"'examples' must hold 1 to {MaxImport} examples.");
        var examples = request.Examples ?? [];
        for (var i = 0; i < examples.Count && i < MaxImport; i++)
        {
            var field = $"examples[{i}]";
            if (examples[i] is not { } example)
            {
                errors.Add(field, $"'{field}' is required.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(example.Subject) && string.IsNullOrWhiteSpace(example.Description))
                errors.Add($"{field}.subject", $"'{field}.subject' or '{field}.description' is required.");
            errors.MaxLength($"{field}.subject", example.Subject, RoutedTicket.SubjectMaxLength);
            errors.MaxLength($"{field}.description", example.Description, RoutedTicket.TextMaxLength);
            errors.Required($"{field}.category", example.Category, CategoryRoute.NameMaxLength);
            if (example.Priority is not null && EnumText.Parse<TicketPriority>(example.Priority) is null)
                errors.Add($"{field}.priority", $"'{field}.priority' must be one of: low, normal, high, urgent.");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        db.ClassifierExamples.AddRange(examples.Select(e => new ClassifierExample
        {
            Subject = e!.Subject?.Trim() ?? "",
            Description = e.Description?.Trim() ?? "",
            Category = e.Category!.Trim(),
            Priority = EnumText.Parse<TicketPriority>(e.Priority)?.Wire(),
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ImportExamplesResponse(examples.Count, await db.ClassifierExamples.CountAsync(ct)));
    }

    /// <summary>
    /// Chooses the category model by 5-fold cross-validation on every example but the held-out part, trains it on
    /// that part, evaluates it on the held-out part, and serves it trained on all examples at once.
    /// </summary>
    public static async Task<Results<Ok<ClassifierReport>, ProblemHttpResult>> Train(
        RoutingDbContext db, CurrentClassifier classifier, TimeProvider clock, CancellationToken ct)
    {
        var examples = await db.ClassifierExamples.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        if (ClassifierTraining.WhyNot(examples) is { } why)
            return Problems.Conflict("Not enough labelled tickets to train on.",
                why + " Resolved tickets with a category become examples, or import some with POST /api/routing/classifier/examples.");

        var (model, report) = ClassifierTraining.Train(examples, clock.Now(), classifier.MinConfidence);
        db.ClassifierModels.Add(model);
        await db.SaveChangesAsync(ct);
        report = report with { ModelVersion = model.Version };
        model.Evaluation = JsonSerializer.Serialize(report);
        await db.SaveChangesAsync(ct);
        classifier.Use(model);
        return TypedResults.Ok(report);
    }

    /// <summary>The model in use: when it was trained, on how many tickets, how it did on the held-out ones, which candidate cross-validation chose and its learning curve.</summary>
    public static async Task<Results<Ok<ClassifierReport>, ProblemHttpResult>> Get(RoutingDbContext db, CancellationToken ct)
    {
        var model = await db.ClassifierModels.AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (model is null)
            return TypedResults.Problem(title: "No classifier has been trained yet.", detail: "POST /api/routing/classifier/train trains one.", statusCode: 404);
        return TypedResults.Ok(JsonSerializer.Deserialize<ClassifierReport>(model.Evaluation)!);
    }

    public static async Task<Results<Ok<PredictResponse>, ValidationProblem, ProblemHttpResult>> Predict(
        PredictRequest request, RoutingDbContext db, CurrentClassifier classifier, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Subject) && string.IsNullOrWhiteSpace(request.Description))
            errors.Add("subject", "'subject' or 'description' is required.");
        errors.MaxLength("subject", request.Subject, RoutedTicket.SubjectMaxLength);
        errors.MaxLength("description", request.Description, RoutedTicket.TextMaxLength);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var prediction = await classifier.PredictAsync(db, request.Subject ?? "", request.Description ?? "", predictPriority: true, ct);
        if (prediction is null)
            return Problems.Conflict("No classifier has been trained yet.", "POST /api/routing/classifier/train trains one.");
        return TypedResults.Ok(new PredictResponse(prediction.BestCategory, prediction.CategoryConfidence, prediction.Category is not null,
            prediction.BestPriority, prediction.PriorityConfidence, prediction.ModelVersion));
    }
}
