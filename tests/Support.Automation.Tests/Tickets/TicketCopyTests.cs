using Support.Automation.Tests.Infrastructure;
using Support.Contracts.Tickets;

namespace Support.Automation.Tests.Tickets;

/// <summary>The service's copy of a ticket follows the Ticket service's events, whatever order they arrive in.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class TicketCopyTests(DefaultAutomationApp app)
{
    [Fact]
    public async Task A_status_change_arriving_after_a_newer_one_does_not_undo_it()
    {
        var start = DateTimeOffset.UtcNow;
        var created = await TicketEvents.CreateAsync(app, [TicketEvents.Scope()], at: start);
        await TicketEvents.UpdateAsync(app, created.TicketId, new FieldChange("status", "open", "solved"), at: start.AddSeconds(2));

        // The assignment's "new → open", made before the solve, arrives after it; and with a later tag change the copy reaches version 4 once both are consumed.
        await app.Events.PublishAsync(new TicketUpdated(created.TicketId, [new FieldChange("status", "new", "open")], TicketEvents.Agent, start.AddSeconds(1)), Guid.NewGuid());
        await TicketEvents.UpdateAsync(app, created.TicketId, new FieldChange("tags", null, "late"), at: start.AddSeconds(3));
        await TicketEvents.UntilAsync(app, $"tickets WHERE \"Id\" = {created.TicketId} AND \"Version\" = 4");

        Assert.Equal(1, await app.CountAsync($"tickets WHERE \"Id\" = {created.TicketId} AND \"Status\" = 'solved'"));
    }
}
