using Support.Automation.Tickets;

namespace Support.Automation.Sla;

/// <summary>
/// Which tickets a policy covers: each list given must contain the ticket's value (its tags: all of them must be on the
/// ticket); an empty list places no condition.
/// </summary>
public record SlaConditions
{
    public List<string> Priorities { get; init; } = [];
    public List<int> GroupIds { get; init; } = [];
    public List<int> OrganizationIds { get; init; } = [];
    public List<string> Channels { get; init; } = [];
    public List<string> Types { get; init; } = [];
    public List<string> Tags { get; init; } = [];

    public bool Match(TicketCopy t) =>
        (Priorities.Count == 0 || Priorities.Contains(t.Priority))
        && (GroupIds.Count == 0 || t.GroupId is { } group && GroupIds.Contains(group))
        && (OrganizationIds.Count == 0 || t.OrganizationId is { } organization && OrganizationIds.Contains(organization))
        && (Channels.Count == 0 || Channels.Contains(t.Channel))
        && (Types.Count == 0 || t.Type is { } type && Types.Contains(type))
        && Tags.All(t.Tags.Contains);
}
