using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Rules;
using Support.Automation.Schedules;
using Support.Automation.Tickets;
using Support.Hosting.Data;

namespace Support.Automation.Triggers;

/// <summary>
/// Runs the active triggers over a ticket's change, in the consumer's unit of work, as Zendesk does: in position order
/// over a working copy, each trigger whose conditions hold fires (at most once per change) and its actions change the
/// copy, which later triggers see; passes repeat until one fires nothing (at most <see cref="MaxPasses"/>). What they
/// did goes to the Ticket service as one TicketActionsRequested under the actor ("trigger", the fired ids), whose echo
/// (the ticket's events under that actor) updates the copy but fires nothing: no trigger loops across the services.
/// </summary>
public sealed class TriggerRunner(AutomationDbContext db, TimeProvider clock, ILogger<TriggerRunner> logger)
{
    public const int MaxPasses = 10;

    public async Task RunAsync(TicketCopy ticket, TicketEvent change, CancellationToken ct)
    {
        if (change.Actor.Type == "trigger" || ticket.Status == TicketValues.Closed)
            return;
        var triggers = await db.Triggers.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(ct);
        if (triggers.Count == 0)
            return;

        var now = clock.Now();
        var calendar = triggers.Exists(t => t.Conditions.UsesBusinessHours()) ? await BusinessSchedules.CalendarForAsync(db, ticket.GroupId, ct) : null;
        var context = RuleContext.ForEvent(ticket, change, now, calendar);
        var effects = new RuleEffects();
        var fired = new List<Trigger>();
        for (var pass = 1; ; pass++)
        {
            var firedInPass = 0;
            foreach (var trigger in triggers.Where(t => !fired.Contains(t)).ToList())
            {
                if (!context.Matches(trigger.Conditions))
                    continue;
                effects.Apply(context.Ticket, trigger.Actions);
                fired.Add(trigger);
                firedInPass++;
            }
            if (firedInPass == 0)
                break;
            if (pass == MaxPasses)
            {
                logger.LogWarning("Triggers on ticket {TicketId} stopped after {Passes} passes; fired: {Triggers}", ticket.Id, MaxPasses, string.Join(",", fired.Select(t => t.Id)));
                break;
            }
        }
        if (fired.Count == 0)
            return;
        foreach (var trigger in fired)
            db.TriggerFirings.Add(new TriggerFiring { TriggerId = trigger.Id, TicketId = ticket.Id, FiredAt = now });
        effects.Publish(db, ticket, context.Ticket, RuleEffects.ActorOf("trigger", fired.Select(t => t.Id)), now);
    }
}
