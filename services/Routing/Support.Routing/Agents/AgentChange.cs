using Support.Hosting.Http;

namespace Support.Routing.Agents;

/// <summary>The fields a PATCH of an agent may change, read from its body.</summary>
public sealed record AgentChange(
    Optional<string> Name, Optional<string> Email, Optional<List<int>> Groups, Optional<List<AgentSkill>> Skills, Optional<int> Capacity)
{
    public static AgentChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var name = patch.Field<string>("name");
        var email = patch.Field<string>("email");
        var groups = patch.Field<List<int>>("groups");
        var rawSkills = patch.Field<Dictionary<string, int>>("skills");
        var capacity = patch.Field<int>("capacity");
        if (name.IsSet) errors.Required("name", name.Value, Agent.NameMaxLength);
        if (email.IsSet) errors.Email("email", email.Value);
        if (capacity.IsSet) AgentsApi.ValidateCapacity(capacity.Value, errors);
        var skills = rawSkills.IsSet ? new Optional<List<AgentSkill>>(true, AgentsApi.ReadSkills(rawSkills.Value, errors)) : default;
        return new AgentChange(name, email, groups.IsSet ? groups with { Value = groups.Value!.Distinct().ToList() } : groups, skills, capacity);
    }

    /// <summary>Applies the change; a new skill list always counts as a change.</summary>
    public bool ApplyTo(Agent agent)
    {
        var changed = false;
        if (Name.IsSet && agent.Name != Name.Value!.Trim()) { agent.Name = Name.Value.Trim(); changed = true; }
        if (Email.IsSet && agent.Email != EmailAddress.Normalize(Email.Value!)) { agent.Email = EmailAddress.Normalize(Email.Value!); changed = true; }
        if (Groups.IsSet && !agent.GroupIds.SequenceEqual(Groups.Value!)) { agent.GroupIds = Groups.Value!; changed = true; }
        if (Skills.IsSet) { agent.Skills = Skills.Value!; changed = true; }
        if (Capacity.IsSet && agent.Capacity != Capacity.Value) { agent.Capacity = Capacity.Value; changed = true; }
        return changed;
    }
}
