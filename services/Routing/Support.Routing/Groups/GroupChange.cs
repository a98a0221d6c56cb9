using Support.Hosting.Http;

namespace Support.Routing.Groups;

/// <summary>The fields a PATCH of a group may change, read from its body: null clears escalatesTo and the escalation times.</summary>
public sealed record GroupChange(
    Optional<string> Name, Optional<int> Tier, RoutingPolicy? Policy, Optional<int?> EscalatesTo, Optional<bool> IsDefault,
    Optional<int?> EscalateUnassignedAfterMinutes, Optional<int?> EscalateUnansweredAfterMinutes, Optional<bool> EscalateUrgent,
    Optional<bool> EscalateOnSlaBreach)
{
    public static GroupChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new GroupChange(
            patch.Field<string>("name"), patch.Field<int>("tier"), null, patch.Field<int?>("escalatesTo", nullable: true),
            patch.Field<bool>("isDefault"), patch.Field<int?>("escalateUnassignedAfterMinutes", nullable: true),
            patch.Field<int?>("escalateUnansweredAfterMinutes", nullable: true), patch.Field<bool>("escalateUrgent"),
            patch.Field<bool>("escalateOnSlaBreach"));
        var policy = patch.Field<string>("policy");
        if (change.Name.IsSet) errors.Required("name", change.Name.Value, Group.NameMaxLength);
        change = change with { Policy = policy.IsSet ? GroupsApi.ReadPolicy(policy.Value, errors, required: true) : null };
        GroupsApi.ValidateFields(change.Tier.IsSet ? change.Tier.Value : 1, change.EscalateUnassignedAfterMinutes.Value,
            change.EscalateUnansweredAfterMinutes.Value, errors);
        return change;
    }

    public bool ApplyTo(Group group)
    {
        var before = (group.Name, group.Tier, group.Policy, group.EscalatesToId, group.EscalateUnassignedAfterMinutes,
            group.EscalateUnansweredAfterMinutes, group.EscalateUrgent, group.EscalateOnSlaBreach, group.IsDefault);
        if (Name.IsSet) group.Name = Name.Value!.Trim();
        if (Tier.IsSet) group.Tier = Tier.Value;
        if (Policy is { } policy) group.Policy = policy;
        if (EscalatesTo.IsSet) group.EscalatesToId = EscalatesTo.Value;
        if (EscalateUnassignedAfterMinutes.IsSet) group.EscalateUnassignedAfterMinutes = EscalateUnassignedAfterMinutes.Value;
        if (EscalateUnansweredAfterMinutes.IsSet) group.EscalateUnansweredAfterMinutes = EscalateUnansweredAfterMinutes.Value;
        if (EscalateUrgent.IsSet) group.EscalateUrgent = EscalateUrgent.Value;
        if (EscalateOnSlaBreach.IsSet) group.EscalateOnSlaBreach = EscalateOnSlaBreach.Value;
        if (IsDefault.IsSet) group.IsDefault = IsDefault.Value;
        return before != (group.Name, group.Tier, group.Policy, group.EscalatesToId, group.EscalateUnassignedAfterMinutes,
            group.EscalateUnansweredAfterMinutes, group.EscalateUrgent, group.EscalateOnSlaBreach, group.IsDefault);
    }
}
