using Support.Hosting.Text;
using Support.Routing.Agents;
using Support.Routing.Groups;

namespace Support.Routing.Assignment;

public sealed record AgentChoice(Agent Agent, string Policy, string Reason);

/// <summary>The routing policies: which of a group's agents gets a ticket, or none (the ticket waits).</summary>
public static class AgentSelection
{
    /// <param name="members">The group's agents, with their current loads.</param>
    /// <param name="requiredSkills">What the ticket needs (its category's skills, its language); used by skills_based.</param>
    /// <param name="preferredAgentId">Who held the ticket before (a reopen): chosen first when eligible.</param>
    public static AgentChoice? Choose(Group group, IReadOnlyCollection<Agent> members, IReadOnlyCollection<string> requiredSkills, int? preferredAgentId)
    {
        var eligible = members.Where(a => a.CanTakeTicket).ToList();
        if (eligible.Count == 0)
            return null;
        if (preferredAgentId is not null && eligible.FirstOrDefault(a => a.Id == preferredAgentId) is { } previous)
            return new AgentChoice(previous, group.Policy.Wire(), "reopened: back to the agent who had it");

        return group.Policy switch
        {
            RoutingPolicy.RoundRobin => RoundRobin(group, eligible),
            RoutingPolicy.LeastLoaded => LeastLoaded(eligible, "least_loaded", "most spare capacity"),
            _ => SkillsBased(members, eligible, requiredSkills),
        };
    }

    private static AgentChoice RoundRobin(Group group, List<Agent> eligible)
    {
        var turn = group.RoundRobinLastAgentId ?? 0;
        var next = eligible.Where(a => a.Id > turn).MinBy(a => a.Id) ?? eligible.MinBy(a => a.Id)!;
        return new AgentChoice(next, "round_robin", "next eligible agent in turn");
    }

    private static AgentChoice LeastLoaded(IEnumerable<Agent> eligible, string policy, string reason) =>
        new(eligible
            .OrderByDescending(a => a.SpareCapacity)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id)
            .First(), policy, reason);

    private static AgentChoice? SkillsBased(IReadOnlyCollection<Agent> members, List<Agent> eligible, IReadOnlyCollection<string> requiredSkills)
    {
        if (requiredSkills.Count == 0)
            return LeastLoaded(eligible, "skills_based", "no skills required: most spare capacity");
        bool HoldsAll(Agent a) => requiredSkills.All(skill => a.LevelOf(skill) > 0);
        var skills = string.Join(", ", requiredSkills);
        // Nobody in the group could ever take it: better any agent now than a wait that only escalation ends.
        if (!members.Any(HoldsAll))
            return LeastLoaded(eligible, "skills_based", $"no agent of the group has {skills}: most spare capacity");
        var best = eligible.Where(HoldsAll)
            .OrderByDescending(a => requiredSkills.Sum(a.LevelOf))
            .ThenByDescending(a => a.SpareCapacity)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id)
            .FirstOrDefault();
        return best is null ? null : new AgentChoice(best, "skills_based", $"best level in {skills}, then most spare capacity");
    }
}
