namespace Support.Contracts.Routing;

/// <summary>A routing decision: the ticket goes to this agent (and group), by this policy, for this reason.</summary>
public record TicketRouted(int TicketId, int? AgentId, int? GroupId, string Policy, string Reason, DateTimeOffset RoutedAt);
