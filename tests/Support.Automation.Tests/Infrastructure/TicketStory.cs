using Support.Contracts;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>One ticket's life told to the service at the times of the app's clock, through <see cref="TicketEvents"/>.</summary>
public sealed class TicketStory(AutomationApp app, string tag)
{
    public int TicketId { get; } = TicketEvents.NewTicketId();

    public Task CreatedAsync(string priority = "normal", DateTimeOffset? at = null) =>
        TicketEvents.CreateAsync(app, [tag], at ?? app.Clock.GetUtcNow(), "Printer on fire", TicketId, priority);

    public Task ChangedAsync(string field, string? from, string? to, Actor? actor = null) =>
        TicketEvents.UpdateAsync(app, TicketId, new(field, from, to), actor, app.Clock.GetUtcNow());

    public Task CommentedAsync(Actor author, bool isPublic = true) => TicketEvents.CommentAsync(app, TicketId, author, isPublic, app.Clock.GetUtcNow());
}
