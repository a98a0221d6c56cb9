using System.Text.Json.Serialization;

namespace Support.Routing.Groups;

/// <summary>How a group hands out tickets; written as the README documents them (round_robin), see EnumText.</summary>
public enum RoutingPolicy
{
    [JsonStringEnumMemberName("round_robin")] RoundRobin,
    [JsonStringEnumMemberName("least_loaded")] LeastLoaded,
    [JsonStringEnumMemberName("skills_based")] SkillsBased,
}
