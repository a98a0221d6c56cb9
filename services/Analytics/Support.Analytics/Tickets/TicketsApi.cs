using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.EventStore;
using Support.Hosting.Http;

namespace Support.Analytics.Tickets;

public sealed record TicketMetricsResponse(TicketMetrics Metrics, IReadOnlyList<CommentSentiment> Comments);

public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder routes)
    {
        var analytics = routes.MapGroup("/api/analytics").WithTags("Tickets");
        analytics.MapGet("/tickets/{id:int}", Get).WithName("GetTicketMetrics");
        analytics.MapPost("/rebuild", Rebuild).WithTags("Event store").WithName("RebuildReadModels");
        return routes;
    }

    /// <summary>One ticket's metrics (calendar and business minutes) and the sentiment of each of its customer's public comments.</summary>
    public static async Task<Results<Ok<TicketMetricsResponse>, ProblemHttpResult>> Get(int id, AnalyticsDbContext db, CancellationToken ct)
    {
        var metrics = await db.TicketMetrics.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == id, ct);
        if (metrics is null)
            return Problems.NotFound("Ticket", id);
        var comments = await db.CommentSentiments.AsNoTracking().Where(c => c.TicketId == id).OrderBy(c => c.At).ThenBy(c => c.CommentId).ToListAsync(ct);
        return TypedResults.Ok(new TicketMetricsResponse(metrics, comments));
    }

    /// <summary>Replays every recorded event into fresh read models (in one transaction); the reports read the same afterwards.</summary>
    public static async Task<Ok<RebuildResult>> Rebuild(Projector projector, CancellationToken ct) =>
        TypedResults.Ok(await projector.RebuildAsync(ct));
}
