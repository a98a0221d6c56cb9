using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>A ticket's life told to the service as the Ticket service would tell it: its events, published on the real broker.</summary>
public sealed class TicketStory(AutomationApp app, string tag)
{
    public static readonly Actor Agent = new("agent", "7"), Customer = new("customer", "42");

    public int TicketId { get; } = Random.Shared.Next(1_000_000, int.MaxValue);
    private long comments;

    public Task CreatedAsync(string priority = "normal", DateTimeOffset? at = null) =>
        app.Events.PublishAsync(new TicketCreated(TicketId, "Printer on fire", "It is on fire.", "new", priority, true, null, "email",
            42, "requester@example.com", "Rita Requester", null, [tag], Customer, at ?? app.Clock.GetUtcNow()), Guid.NewGuid());

    public Task ChangedAsync(string field, string? from, string? to, Actor? actor = null) =>
        app.Events.PublishAsync(new TicketUpdated(TicketId, [new FieldChange(field, from, to)], actor ?? Agent, app.Clock.GetUtcNow()), Guid.NewGuid());

    public Task CommentedAsync(Actor author, bool isPublic = true) =>
        app.Events.PublishAsync(new TicketCommentAdded(TicketId, Interlocked.Increment(ref comments), "Hello", isPublic, author, false, app.Clock.GetUtcNow()), Guid.NewGuid());
}
