using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Contracts;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Routing.Assignment;
using Support.Routing.Data;

namespace Support.Routing.Tickets;

public record QueuedTicket(int TicketId, int? GroupId, int Position, TicketPriority Priority, string? Category, DateTimeOffset QueuedAt, double WaitSeconds, DateTimeOffset? EscalatesAt);

public record QueueResponse(int Total, IReadOnlyList<QueuedTicket> Items);

public record TicketRoutingResponse(
    int TicketId, RoutingState State, int? GroupId, int? AgentId, string? Policy, string? Reason, TicketPriority Priority, string? Category,
    int? Position, DateTimeOffset? QueuedAt, DateTimeOffset? AssignedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EscalatesAt, int Escalations);

public record EscalateRequest(string? Reason);

public static class RoutingApi
{
    public const int ReasonMaxLength = 500;

    public static RouteGroupBuilder MapRoutingApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/routing").WithTags("Routing");
        api.MapGet("/queue", Queue).WithName("GetQueue");
        api.MapGet("/tickets/{id:int}", Get).WithName("GetTicketRouting").ProducesProblem(404);
        api.MapPost("/tickets/{id:int}/escalate", Escalate).WithName("EscalateTicket").ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    /// <summary>Tickets waiting for an agent, highest priority then longest waiting first; positions count within each group's queue.</summary>
    public static async Task<Results<Ok<QueueResponse>, ValidationProblem>> Queue(
        RoutingDbContext db, TimeProvider clock, CancellationToken ct, int? groupId = null, int? limit = null)
    {
        if (limit is < 1 or > 1000)
            return Problems.Invalid(new Dictionary<string, string[]> { ["limit"] = ["'limit' must be from 1 to 1000."] });
        var query = db.Tickets.AsNoTracking().Where(t => t.State == RoutingState.Queued);
        if (groupId is { } group)
            query = query.Where(t => t.GroupId == group);
        var total = await query.CountAsync(ct);
        var waiting = await query.OrderByDescending(t => t.Priority).ThenBy(t => t.QueuedAt).ThenBy(t => t.TicketId).Take(limit ?? 100).ToListAsync(ct);
        var now = clock.Now();
        var positions = new Dictionary<int, int>();
        var items = waiting.Select(t =>
        {
            var position = positions[t.GroupId ?? 0] = positions.GetValueOrDefault(t.GroupId ?? 0) + 1;
            return new QueuedTicket(t.TicketId, t.GroupId, position, t.Priority, t.Category, t.QueuedAt!.Value,
                Math.Round((now - t.QueuedAt.Value).TotalSeconds, 1), t.EscalationDueAt);
        }).ToList();
        return TypedResults.Ok(new QueueResponse(total, items));
    }

    public static async Task<Results<Ok<TicketRoutingResponse>, ProblemHttpResult>> Get(int id, RoutingDbContext db, TicketRouter router, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == id, ct);
        if (ticket is null)
            return Problems.NotFound("Ticket", id);
        return TypedResults.Ok(await ResponseAsync(ticket, router, ct));
    }

    /// <summary>Moves the ticket up to its group's escalation target now, with the reason given.</summary>
    public static async Task<Results<Ok<TicketRoutingResponse>, ValidationProblem, ProblemHttpResult>> Escalate(
        int id, EscalateRequest? request, RoutingDbContext db, TicketRouter router, HttpRequest http, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "escalated by hand" : request.Reason.Trim();
        if (reason.Length > ReasonMaxLength)
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = [$"'reason' must be at most {ReasonMaxLength} characters."] });

        await using var change = await RoutingLock.EnterAsync(db, ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.TicketId == id, ct);
        if (ticket is null)
            return Problems.NotFound("Ticket", id);
        if (ticket.State == RoutingState.Resolved)
            return Problems.Conflict($"Ticket {id} is solved or closed: there is nothing to escalate.");
        var actor = RequestActor.From(http);
        if (ticket.GroupId is null)
            return Problems.Conflict($"Ticket {id} is not in a group yet: it waits for one to be created.");
        if (!await router.EscalateAsync(ticket, "manual", reason, actor, ct))
            return Problems.Conflict($"Ticket {id} is in a group with no escalation target.", "Set the group's escalatesTo to a higher-tier group first.");
        await router.DrainAsync(ct);
        await change.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(ticket, router, ct));
    }

    private static async Task<TicketRoutingResponse> ResponseAsync(RoutedTicket t, TicketRouter router, CancellationToken ct) => new(
        t.TicketId, t.State, t.GroupId, t.AgentId, t.Policy, t.Reason, t.Priority, t.Category,
        t.State == RoutingState.Queued ? await router.PositionAsync(t, ct) : null,
        t.QueuedAt, t.AssignedAt, t.AnsweredAt, t.EscalationDueAt, t.EscalationCount);
}
