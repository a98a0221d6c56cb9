using Support.Automation.Data;
using Support.Automation.Tickets;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Channels;
using Support.Contracts.Tickets;

namespace Support.Automation.Rules;

/// <summary>
/// What the rules that fired on a ticket did: their actions change the working copy as they run (so later rules see
/// them), and collect the comments and notifications; <see cref="Publish"/> then sends them as one command.
/// </summary>
public sealed class RuleEffects
{
    public List<TicketCommentRequest> Comments { get; } = [];
    public List<(string Recipient, string Template)> Notifications { get; } = [];

    public void Apply(TicketCopy ticket, IEnumerable<RuleAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action.Field)
            {
                case "addTags":
                    ticket.Tags = [.. ticket.Tags.Union(Tags.Split(action.Value))];
                    break;
                case "removeTags":
                    ticket.Tags = [.. ticket.Tags.Except(Tags.Split(action.Value))];
                    break;
                case "publicReply" or "internalNote":
                    Comments.Add(new TicketCommentRequest(Placeholders.Render(action.Value!, ticket), action.Field == "publicReply"));
                    break;
                case "notify":
                    Notifications.Add((action.Recipient!, action.Template!));
                    break;
                default:
                    TicketFields.Set(ticket, action.Field!, action.Value);
                    break;
            }
        }
    }

    /// <summary>
    /// Queues, in the caller's unit of work, the command of what changed from <paramref name="original"/> to
    /// <paramref name="working"/> (each change with the value the rules saw) and the comments, then the notifications.
    /// </summary>
    public void Publish(AutomationDbContext db, TicketCopy original, TicketCopy working, Actor actor, DateTimeOffset now)
    {
        var aggregate = $"ticket/{original.Id}";
        var changes = RuleCatalog.SettableFields
            .Select(field => new FieldChange(field, TicketFields.Get(original, field), TicketFields.Get(working, field)))
            .Where(c => c.OldValue != c.NewValue)
            .ToList();
        var addTags = working.Tags.Except(original.Tags).ToList();
        var removeTags = original.Tags.Except(working.Tags).ToList();
        if (changes.Count > 0 || addTags.Count > 0 || removeTags.Count > 0 || Comments.Count > 0)
            db.AddEvent(new TicketActionsRequested(Guid.NewGuid(), original.Id, changes, addTags, removeTags, [.. Comments], actor, now), aggregate, now);
        foreach (var (recipient, template) in Notifications)
            db.AddEvent(new NotificationRequested(template, recipient, original.Id, null, actor, now), aggregate, now);
    }

    /// <summary>The actor of rules that fired together: their ids in firing order, as many as the audit's 64 characters hold.</summary>
    public static Actor ActorOf(string type, IEnumerable<int> ruleIds)
    {
        var id = "";
        foreach (var ruleId in ruleIds)
        {
            var next = id.Length == 0 ? ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{id},{ruleId}";
            if (next.Length > 64)
                break;
            id = next;
        }
        return new Actor(type, id);
    }
}
