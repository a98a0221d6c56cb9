using Support.Text;
using Support.Routing.Agents;
using Support.Routing.Assignment;
using Support.Routing.Groups;

namespace Support.Routing.Tests.Assignment;

public sealed class AgentSelectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Agent Agent(int id, int load = 0, int capacity = 5, AgentStatus status = AgentStatus.Online, DateTimeOffset? lastAssigned = null, params (string, int)[] skills) =>
        new() { Id = id, Load = load, Capacity = capacity, Status = status, LastAssignedAt = lastAssigned, Skills = skills.Select(s => new AgentSkill { Name = s.Item1, Level = s.Item2 }).ToList() };

    private static Group Group(RoutingPolicy policy, int? lastAgent = null) => new() { Id = 1, Name = "G", Policy = policy, RoundRobinLastAgentId = lastAgent };

    [Fact]
    public void Only_online_agents_below_capacity_are_eligible()
    {
        var agents = new[] { Agent(1, status: AgentStatus.Away), Agent(2, status: AgentStatus.Offline), Agent(3, load: 5, capacity: 5), Agent(4, capacity: 0) };
        foreach (var policy in Enum.GetValues<RoutingPolicy>())
            Assert.Null(AgentSelection.Choose(Group(policy), agents, [], null));
    }

    [Fact]
    public void Round_robin_takes_the_next_id_after_the_last_one_and_wraps()
    {
        var agents = new[] { Agent(3), Agent(7), Agent(9, load: 5) };
        Assert.Equal(7, AgentSelection.Choose(Group(RoutingPolicy.RoundRobin, lastAgent: 3), agents, [], null)!.Agent.Id);
        Assert.Equal(3, AgentSelection.Choose(Group(RoutingPolicy.RoundRobin, lastAgent: 7), agents, [], null)!.Agent.Id); // 9 is full: wraps
    }

    [Fact]
    public void Least_loaded_breaks_ties_by_the_longest_wait_since_the_last_assignment()
    {
        var agents = new[] { Agent(1, load: 1, lastAssigned: T0.AddMinutes(5)), Agent(2, load: 1, lastAssigned: T0), Agent(3, load: 3) };
        Assert.Equal(2, AgentSelection.Choose(Group(RoutingPolicy.LeastLoaded), agents, [], null)!.Agent.Id);
    }

    [Fact]
    public void Skills_based_prefers_the_best_level_then_the_most_spare_capacity()
    {
        var agents = new[] { Agent(1, skills: ("billing", 3)), Agent(2, load: 4, skills: ("billing", 5)), Agent(3, skills: ("api", 5)), Agent(4, load: 1, skills: ("billing", 5)) };
        var choice = AgentSelection.Choose(Group(RoutingPolicy.SkillsBased), agents, ["billing"], null)!;
        Assert.Equal(4, choice.Agent.Id);
        Assert.Contains("billing", choice.Reason);
    }

    [Fact]
    public void Skills_based_waits_for_a_skilled_agent_when_the_group_has_one_busy()
    {
        var agents = new[] { Agent(1), Agent(2, load: 5, capacity: 5, skills: ("billing", 4)) };
        Assert.Null(AgentSelection.Choose(Group(RoutingPolicy.SkillsBased), agents, ["billing"], null));
    }

    [Fact]
    public void Skills_based_falls_back_to_the_least_loaded_when_nobody_in_the_group_has_the_skills()
    {
        var agents = new[] { Agent(1, load: 2), Agent(2) };
        var choice = AgentSelection.Choose(Group(RoutingPolicy.SkillsBased), agents, ["zh-CN"], null)!;
        Assert.Equal(2, choice.Agent.Id);
        Assert.Contains("no agent of the group has zh-CN", choice.Reason);
    }

    [Fact]
    public void A_reopened_ticket_goes_back_to_its_previous_agent_when_eligible()
    {
        var agents = new[] { Agent(1), Agent(2, load: 3) };
        Assert.Equal(2, AgentSelection.Choose(Group(RoutingPolicy.LeastLoaded), agents, [], preferredAgentId: 2)!.Agent.Id);
        Assert.Equal(1, AgentSelection.Choose(Group(RoutingPolicy.LeastLoaded), [agents[0], Agent(2, status: AgentStatus.Away)], [], preferredAgentId: 2)!.Agent.Id);
    }

    [Theory]
    [InlineData("发票重复扣款，请帮忙退款", "zh-CN")]
    [InlineData("我的 API key 无法使用", "zh-CN")]
    [InlineData("Invoice charged twice", null)]
    [InlineData("Please call Mr 王 about the invoice he sent last week", null)]
    public void The_ticket_language_is_Chinese_when_a_fifth_of_its_letters_are(string text, string? language) =>
        Assert.Equal(language, Language.Of(text));
}
