namespace Support.Channels.Email;

/// <summary>The notifications Channels sends by itself; NotificationRequested may name these or an admin's own templates.</summary>
public static class TemplateNames
{
    public const string TicketCreated = "ticket-created";
    public const string AgentReply = "agent-reply";
    public const string TicketSolved = "ticket-solved";
    public const string TicketAssigned = "ticket-assigned";
}
