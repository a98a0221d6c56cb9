namespace Support.Routing.Tickets;

/// <summary>Queued: waiting for an agent of its group. Assigned: an agent holds it. Resolved: solved or closed.</summary>
public enum RoutingState { Queued, Assigned, Resolved }
