using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Infrastructure;

/// <summary>Ticket events as the Ticket service publishes them, for a ticket of a new requester with an address of its own.</summary>
public static class TicketEvents
{
    public static readonly Actor Agent = new("agent", "7");

    public static string NewAddress(string domain = "example.com") => $"customer-{Guid.NewGuid():N}"[..20] + "@" + domain;

    public static async Task<TicketCreated> CreateAsync(EventListener events, string subject, string requesterEmail, string requesterName = "Alice",
        string description = "It does not work.", string channel = "web")
    {
        var ticketId = Random.Shared.Next(100_000, int.MaxValue);
        var created = new TicketCreated(ticketId, subject, description, "new", "normal", false, null, channel, ticketId, requesterEmail, requesterName,
            null, [], new Actor("customer", ticketId.ToString()), DateTimeOffset.UtcNow);
        await events.PublishAsync(created, Guid.NewGuid());
        return created;
    }

    public static Task CommentAsync(EventListener events, int ticketId, string body, bool isPublic, Actor? author = null) =>
        events.PublishAsync(new TicketCommentAdded(ticketId, Random.Shared.NextInt64(1, long.MaxValue), body, isPublic, author ?? Agent, false, DateTimeOffset.UtcNow), Guid.NewGuid());
}
