using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Text;

namespace Support.Channels.Tickets;

public static class ChannelLogApi
{
    public static RouteGroupBuilder MapChannelLogApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/channels/tickets").WithTags("Channel log");
        api.MapGet("/{id:int}/messages", Messages).WithName("ListTicketChannelMessages")
            .WithSummary("The ticket's email, oldest first: what came in (and what became of it) and what went out (sent, queued for a retry, failed, or not sent).");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ChannelMessage>>> Messages(int id, ChannelsDbContext db, CancellationToken ct)
    {
        var outgoing = await db.OutgoingEmails.AsNoTracking().Where(e => e.TicketId == id).ToListAsync(ct);
        var incoming = await db.InboundEmails.AsNoTracking().Where(e => e.TicketId == id).ToListAsync(ct);
        var messages = outgoing.Select(e => new ChannelMessage("out", "email", e.Id.ToString(), e.Template, null, e.ToAddress, e.Subject,
                e.Status.Wire(), e.Attempts, e.LastError, e.MessageId, e.CreatedAt, e.SentAt))
            .Concat(incoming.Select(e => new ChannelMessage("in", "email", e.Id.ToString(), null, e.FromAddress, null, e.Subject,
                e.Status.Wire(), 1, e.Reason, e.MessageId, e.ReceivedAt, e.ReceivedAt)))
            .OrderBy(m => m.CreatedAt).ToList();
        return TypedResults.Ok<IReadOnlyList<ChannelMessage>>(messages);
    }
}

/// <summary>One message on a ticket's channel log: "in" from the customer, "out" from the system.</summary>
public sealed record ChannelMessage(
    string Direction, string Channel, string Id, string? Template, string? From, string? To, string Subject,
    string Status, int Attempts, string? Error, string MessageId, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
