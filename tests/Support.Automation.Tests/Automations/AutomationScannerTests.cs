using System.Net.Http.Json;
using Support.Automation.Automations;
using Support.Automation.Rules;
using Support.Automation.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;

namespace Support.Automation.Tests.Automations;

/// <summary>Time-based automations act on a ticket once per period, however often and on however many replicas the scanner runs.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class AutomationScannerTests(DefaultAutomationApp app)
{
    private readonly HttpClient admin = app.Client("admin");

    [Fact]
    public async Task The_built_in_automations_are_there_from_the_first_start()
    {
        var all = (await admin.GetFromJsonAsync<Hosting.Http.Page<RuleResponse>>("/api/automation/automations", TestJson.Options))!.Items;
        Assert.Equal(BuiltInAutomations.All.Select(a => a.Name), all.Take(BuiltInAutomations.All.Count).Select(a => a.Name));
    }

    [Fact]
    public async Task A_ticket_solved_for_four_days_is_closed_once_per_period_by_two_replicas_scanning_twice()
    {
        var close = (await admin.GetFromJsonAsync<Hosting.Http.Page<RuleResponse>>("/api/automation/automations", TestJson.Options))!.Items
            .Single(a => a.Name == "Close tickets solved for 4 days");
        var now = DateTimeOffset.UtcNow;
        var ticket = await TicketEvents.CreateAsync(app, [TicketEvents.Scope()], at: now.AddDays(-10));
        await TicketEvents.UpdateAsync(app, ticket.TicketId, new FieldChange("status", "new", "solved"), at: now.AddHours(-100));
        var recent = await TicketEvents.CreateAsync(app, [TicketEvents.Scope()], at: now.AddDays(-10));
        await TicketEvents.UpdateAsync(app, recent.TicketId, new FieldChange("status", "new", "solved"), at: now.AddHours(-90));

        await using var replica = new AutomationApp(app.Servers);
        await replica.InitializeAsync();
        await Task.WhenAll(app.Scanner.ScanAsync(default), replica.Scanner.ScanAsync(default));
        await Task.WhenAll(app.Scanner.ScanAsync(default), replica.Scanner.ScanAsync(default));

        var command = (await app.Events.WaitForAsync<TicketActionsRequested>(c => c.TicketId == ticket.TicketId)).Single();
        Assert.Equal([new FieldChange("status", "solved", "closed")], command.Changes);
        Assert.Equal(new Actor("automation", close.Id.ToString()), command.Actor);
        Assert.Equal(1, await app.CountAsync($"automation_firings WHERE \"TicketId\" = {ticket.TicketId}"));
        Assert.Empty(app.Events.All<TicketActionsRequested>(c => c.TicketId == recent.TicketId));

        // Reopened and solved again: a new period, and it acts again.
        await TicketEvents.UpdateAsync(app, ticket.TicketId, new FieldChange("status", "solved", "open"), at: now.AddHours(-99));
        await TicketEvents.UpdateAsync(app, ticket.TicketId, new FieldChange("status", "open", "solved"), at: now.AddHours(-97));
        await app.Scanner.ScanAsync(default);
        await app.Scanner.ScanAsync(default);

        await app.Events.WaitForAsync<TicketActionsRequested>(c => c.TicketId == ticket.TicketId, count: 2);
        Assert.Equal(2, app.Events.All<TicketActionsRequested>(c => c.TicketId == ticket.TicketId).Count);
        Assert.Equal(2, await app.CountAsync($"automation_firings WHERE \"TicketId\" = {ticket.TicketId}"));
    }
}
