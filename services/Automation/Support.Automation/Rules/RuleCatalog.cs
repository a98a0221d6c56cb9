using Support.Automation.Tickets;

namespace Support.Automation.Rules;

/// <summary>
/// The fields and operators rules speak of. Ticket fields: status, priority, type, channel, groupId, assigneeId,
/// organizationId (is, is_not; null is "none"), tags (includes, excludes), subject (contains, not_contains). The change,
/// for triggers: status, priority, type, groupId, assigneeId with changed, not_changed, changed_to, changed_from; tags
/// added, removed; event is created, updated, commented; comment is public, internal; actor is (is_not) customer,
/// agent, system; withinBusinessHours is true or false (the change's time, or the scan's, by the schedule of the ticket's
/// group). Times, for automations: hoursSinceCreated, hoursSinceUpdated, hoursSinceStatusChanged,
/// hoursSinceLastCustomerReply with at_least, less_than (calendar hours).
/// </summary>
public static class RuleCatalog
{
    public const string Is = "is", IsNot = "is_not", Changed = "changed", NotChanged = "not_changed", ChangedTo = "changed_to",
        ChangedFrom = "changed_from", Includes = "includes", Excludes = "excludes", Added = "added", Removed = "removed",
        Contains = "contains", NotContains = "not_contains", AtLeast = "at_least", LessThan = "less_than";

    public const string Created = "created", Updated = "updated", Commented = "commented", Public = "public", Internal = "internal";

    public static readonly IReadOnlyList<string> ChangeOperators = [Changed, NotChanged, ChangedTo, ChangedFrom, Added, Removed];
    public static readonly IReadOnlyList<string> ChangeFields = ["event", "comment", "actor"];
    public static readonly IReadOnlyList<string> TimeFields = ["hoursSinceCreated", "hoursSinceUpdated", "hoursSinceStatusChanged", "hoursSinceLastCustomerReply"];
    /// <summary>The ticket fields an action sets (and a command changes): the rest are tags and comments.</summary>
    public static readonly IReadOnlyList<string> SettableFields = ["status", "priority", "type", "groupId", "assigneeId"];

    private static readonly string[] Changes = [Changed, NotChanged, ChangedTo, ChangedFrom];

    /// <summary>Each condition field's operators.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Operators = new Dictionary<string, string[]>
    {
        ["status"] = [Is, IsNot, .. Changes],
        ["priority"] = [Is, IsNot, .. Changes],
        ["type"] = [Is, IsNot, .. Changes],
        ["groupId"] = [Is, IsNot, .. Changes],
        ["assigneeId"] = [Is, IsNot, .. Changes],
        ["channel"] = [Is, IsNot],
        ["organizationId"] = [Is, IsNot],
        ["tags"] = [Includes, Excludes, Added, Removed],
        ["subject"] = [Contains, NotContains],
        ["event"] = [Is],
        ["comment"] = [Is],
        ["actor"] = [Is, IsNot],
        ["withinBusinessHours"] = [Is],
        ["hoursSinceCreated"] = [AtLeast, LessThan],
        ["hoursSinceUpdated"] = [AtLeast, LessThan],
        ["hoursSinceStatusChanged"] = [AtLeast, LessThan],
        ["hoursSinceLastCustomerReply"] = [AtLeast, LessThan],
    };

    public static readonly IReadOnlyList<string> ActionFields =
        ["status", "priority", "type", "groupId", "assigneeId", "addTags", "removeTags", "publicReply", "internalNote", "notify"];

    public static readonly IReadOnlyList<string> Events = [Created, Updated, Commented];
    public static readonly IReadOnlyList<string> CommentKinds = [Public, Internal];
    public static readonly IReadOnlyList<string> ActorKinds = ["customer", "agent", "system"];
    public static readonly IReadOnlyList<string> Recipients = ["requester", "assignee"];

    /// <summary>What a condition's actor value calls an event's actor: staff are agents; services and rules are the system.</summary>
    public static string ActorKind(Contracts.Actor actor) =>
        actor.Type == "customer" ? "customer" : TicketValues.IsStaff(actor) ? "agent" : "system";

    public static bool IsTime(string field) => TimeFields.Contains(field);

    /// <summary>Whether the condition reads the change (only a trigger has one), not the ticket as it is.</summary>
    public static bool IsChange(RuleCondition c) => ChangeFields.Contains(c.Field!) || ChangeOperators.Contains(c.Operator!);
}
