namespace Support.Automation.Tickets;

/// <summary>The values of the ticket's fields as the Ticket service writes them, for rules to be checked against.</summary>
public static class TicketValues
{
    public const string New = "new", Open = "open", Pending = "pending", OnHold = "on-hold", Solved = "solved", Closed = "closed";

    public static readonly IReadOnlyList<string> Statuses = [New, Open, Pending, OnHold, Solved, Closed];
    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];
    public static readonly IReadOnlyList<string> Types = ["question", "incident", "problem", "task"];
    public static readonly IReadOnlyList<string> Channels = ["web", "email", "chat", "phone", "api"];

    /// <summary>Whether the actor is staff (an agent, an admin, an integration) rather than the customer or a service.</summary>
    public static bool IsStaff(Contracts.Actor actor) => actor.Type is "agent" or "admin" or "integration";
}
