using System.Globalization;
using Support.Automation.Tickets;
using Support.Hosting.Http;
using static Support.Automation.Rules.RuleCatalog;

namespace Support.Automation.Rules;

/// <summary>
/// Checks a rule on save, reporting each bad part under its path ("conditions.all[1].operator", "actions[0].value").
/// A trigger must be able to fire only once per change (see <see cref="CheckTriggerFiresOnce"/>); an automation needs a
/// time condition in "all" (its period); a macro only acts (no conditions, no notify, at most one comment).
/// </summary>
public static class RuleValidation
{
    public const int CommentMaxBytes = 64 * 1024;
    public const int MaxConditions = 50, MaxActions = 50;

    public static void Check(RuleKind kind, RuleConditions? conditions, IReadOnlyList<RuleAction?>? actions, ValidationErrors errors)
    {
        if (kind != RuleKind.Macro)
            CheckConditions(kind, conditions, errors);
        CheckActions(kind, actions, errors);
        if (errors.Any)
            return;
        if (kind == RuleKind.Trigger)
            CheckTriggerFiresOnce(conditions!, actions!, errors);
        if (kind == RuleKind.Automation && !conditions!.All.Exists(c => IsTime(c.Field!)))
            errors.Add("conditions.all", "An automation needs a time condition (hoursSince…) in 'all': it fires once each time the ticket reaches it.");
    }

    private static void CheckConditions(RuleKind kind, RuleConditions? conditions, ValidationErrors errors)
    {
        if (conditions?.All is null || conditions.Any is null)
        {
            errors.Add("conditions", "'conditions' is required: { \"all\": [ … ], \"any\": [ … ] }.");
            return;
        }
        if (conditions.All.Count + conditions.Any.Count == 0)
            errors.Add("conditions", "A rule needs at least one condition.");
        if (conditions.All.Count + conditions.Any.Count > MaxConditions)
            errors.Add("conditions", $"A rule has at most {MaxConditions} conditions.");
        foreach (var (list, name) in new[] { (conditions.All, "all"), (conditions.Any, "any") })
            for (var i = 0; i < list.Count; i++)
                CheckCondition(kind, list[i], $"conditions.{name}[{i}]", errors);
    }

    private static void CheckCondition(RuleKind kind, RuleCondition? c, string path, ValidationErrors errors)
    {
        if (c?.Field is null || !Operators.TryGetValue(c.Field, out var operators))
        {
            errors.Add($"{path}.field", $"'{path}.field' must be one of: {string.Join(", ", Operators.Keys)}.");
            return;
        }
        if (c.Operator is null || !operators.Contains(c.Operator))
        {
            errors.Add($"{path}.operator", $"'{path}.operator' of '{c.Field}' must be one of: {string.Join(", ", operators)}.");
            return;
        }
        if (kind == RuleKind.Automation && IsChange(c))
            errors.Add($"{path}.operator", $"'{c.Field} {c.Operator}' reads a change: only a trigger has one (an automation reads the ticket and the time).");
        if (kind == RuleKind.Trigger && IsTime(c.Field))
            errors.Add($"{path}.field", $"'{c.Field}' is a time condition: use it in an automation.");
        if (c.Operator is Changed or NotChanged)
        {
            if (c.Value is not null)
                errors.Add($"{path}.value", $"'{path}.value' must be absent (or null) for '{c.Operator}'.");
            return;
        }
        if (ConditionValueProblem(c.Field, c.Value) is { } problem)
            errors.Add($"{path}.value", $"'{path}.value' {problem}");
    }

    private static string? ConditionValueProblem(string field, string? value) => field switch
    {
        "status" => OneOf(value, TicketValues.Statuses),
        "priority" => OneOf(value, TicketValues.Priorities),
        "type" => value is null ? null : OneOf(value, TicketValues.Types),
        "channel" => OneOf(value, TicketValues.Channels),
        "groupId" or "assigneeId" or "organizationId" => value is null || PositiveId(value) ? null : "must be a positive id, or null for none.",
        "tags" => value is not null && Tags.IsValid(value) ? null : "must be one tag: 1 to 50 lowercase letters, digits or _ - : . /.",
        "subject" => string.IsNullOrWhiteSpace(value) ? "is required." : value.Length > 250 ? "must be at most 250 characters." : null,
        "event" => OneOf(value, Events),
        "comment" => OneOf(value, CommentKinds),
        "actor" => OneOf(value, ActorKinds),
        "withinBusinessHours" => OneOf(value, ["true", "false"]),
        _ => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours <= 100_000
            ? null : "must be a whole number of hours, from 0 to 100000.",
    };

    private static void CheckActions(RuleKind kind, IReadOnlyList<RuleAction?>? actions, ValidationErrors errors)
    {
        if (actions is null || actions.Count == 0)
        {
            errors.Add("actions", "A rule needs at least one action.");
            return;
        }
        if (actions.Count > MaxActions)
            errors.Add("actions", $"A rule has at most {MaxActions} actions.");
        for (var i = 0; i < actions.Count; i++)
        {
            var path = $"actions[{i}]";
            var a = actions[i];
            if (a?.Field is null || !ActionFields.Contains(a.Field))
            {
                errors.Add($"{path}.field", $"'{path}.field' must be one of: {string.Join(", ", ActionFields)}.");
                continue;
            }
            if (a.Field == "notify")
            {
                if (kind == RuleKind.Macro)
                    errors.Add($"{path}.field", "A macro cannot notify: it only prepares the agent's change.");
                if (a.Recipient is null || !(Recipients.Contains(a.Recipient) || EmailAddress.IsValid(a.Recipient)))
                    errors.Add($"{path}.recipient", $"'{path}.recipient' must be requester, assignee or an email address.");
                if (string.IsNullOrWhiteSpace(a.Template) || a.Template.Length > 100 || a.Template.Any(char.IsWhiteSpace))
                    errors.Add($"{path}.template", $"'{path}.template' must name a Channels template (\"agent-reply\"): 1 to 100 characters, no spaces.");
                if (a.Value is not null)
                    errors.Add($"{path}.value", $"'{path}.value' must be absent for notify: it has a recipient and a template.");
                continue;
            }
            if (a.Recipient is not null)
                errors.Add($"{path}.recipient", $"'{path}.recipient' is only for notify.");
            if (a.Template is not null)
                errors.Add($"{path}.template", $"'{path}.template' is only for notify.");
            if (ActionValueProblem(a.Field, a.Value) is { } problem)
                errors.Add($"{path}.value", $"'{path}.value' {problem}");
        }
        if (kind == RuleKind.Macro && actions.Count(a => a?.Field is "publicReply" or "internalNote") > 1)
            errors.Add("actions", "A macro adds at most one comment.");
    }

    private static string? ActionValueProblem(string field, string? value) => field switch
    {
        "status" => value == TicketValues.New ? "cannot be new: a ticket never goes back to new." : OneOf(value, TicketValues.Statuses),
        "priority" => OneOf(value, TicketValues.Priorities),
        "type" => value is null ? null : OneOf(value, TicketValues.Types),
        "groupId" or "assigneeId" => value is null || PositiveId(value) ? null : "must be a positive id, or null to clear it.",
        "addTags" or "removeTags" => value is not null && value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } tags && tags.All(Tags.IsValid)
            ? null : "must be tags separated by spaces, each 1 to 50 lowercase letters, digits or _ - : . /.",
        _ => string.IsNullOrWhiteSpace(value) ? "is required: the comment's text."
            : System.Text.Encoding.UTF8.GetByteCount(value) > CommentMaxBytes ? "must be at most 64 KiB." : null,
    };

    /// <summary>
    /// A trigger runs after every change of a ticket; one that nothing stops would act on every update. It is refused
    /// unless one of the conditions in "all" stops it: "event is created" (true once per ticket); a condition on the
    /// change itself (changed, changed_to, changed_from, tags added/removed, event is commented, comment is public/internal)
    /// that its own actions do not make true again ("event is updated" is true of every change: no stop); or a condition on the ticket that its own
    /// actions make false (status is open, and it sets status pending; tags excludes x, and it adds x).
    /// </summary>
    public static void CheckTriggerFiresOnce(RuleConditions conditions, IReadOnlyList<RuleAction?> actions, ValidationErrors errors)
    {
        var own = actions.OfType<RuleAction>().ToList();
        var after = new TicketCopy { Status = "", Priority = "", Channel = "", Tags = [] };
        new RuleEffects().Apply(after, own.Where(a => a.Field is not ("notify" or "publicReply" or "internalNote")));
        bool Sets(string field) => own.Exists(a => a.Field == field);

        foreach (var c in conditions.All)
        {
            var stops = (c.Field, c.Operator) switch
            {
                ("event", _) when c.Value == Created => true,
                ("event", _) => c.Value == Commented && !own.Exists(a => a.Field is "publicReply" or "internalNote"),
                ("comment", _) => !Sets(c.Value == Public ? "publicReply" : "internalNote"),
                ("actor", _) or ("withinBusinessHours", _) or ("channel", _) or ("organizationId", _) or ("subject", _) => false,
                ("tags", Added) => !Tags.Split(string.Join(' ', own.Where(a => a.Field == "addTags").Select(a => a.Value))).Contains(c.Value!),
                ("tags", Removed) => !Tags.Split(string.Join(' ', own.Where(a => a.Field == "removeTags").Select(a => a.Value))).Contains(c.Value!),
                ("tags", Includes) => own.Exists(a => a.Field == "removeTags" && Tags.Split(a.Value).Contains(c.Value!)) && !after.Tags.Contains(c.Value!),
                ("tags", _) => after.Tags.Contains(c.Value!), // excludes, and it adds the tag
                (_, Changed) => !Sets(c.Field!),
                (_, ChangedTo) => !Sets(c.Field!) || TicketFields.Get(after, c.Field!) != c.Value,
                (_, ChangedFrom) => !Sets(c.Field!),
                (_, NotChanged) => false,
                // is / is_not on a field: stopped when its own action sets the field to a value that fails it
                (_, Is) => Sets(c.Field!) && TicketFields.Get(after, c.Field!) != c.Value,
                (_, IsNot) => Sets(c.Field!) && TicketFields.Get(after, c.Field!) == c.Value,
                _ => false,
            };
            if (stops)
                return;
        }
        errors.Add("conditions.all", "This trigger would fire on every change of a ticket its conditions match: add \"event is created\", a "
            + "condition on the change (e.g. status changed_to solved) its actions do not repeat, or a condition its own actions make false "
            + "(e.g. tags excludes escalated, with an action adding escalated).");
    }

    private static string? OneOf(string? value, IReadOnlyList<string> allowed) =>
        value is not null && allowed.Contains(value) ? null : $"must be one of: {string.Join(", ", allowed)}.";

    private static bool PositiveId(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
