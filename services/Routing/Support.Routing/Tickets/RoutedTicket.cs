namespace Support.Routing.Tickets;

/// <summary>Routing's own copy of a ticket, fed by the Ticket service's events, and where routing put it.</summary>
public class RoutedTicket
{
    public const int SubjectMaxLength = 250;
    public const int TextMaxLength = 64 * 1024;

    public int TicketId { get; set; }
    public string Subject { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>False until TicketCreated arrives (an assignment or a solve may be consumed first).</summary>
    public bool HasText { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public bool PriorityGiven { get; set; }
    public string? Category { get; set; }

    /// <summary>The category came from a person, not the classifier: a label to learn from.</summary>
    public bool CategoryConfirmed { get; set; }

    public RoutingState State { get; set; }
    public int? GroupId { get; set; }
    public int? AgentId { get; set; }
    public int? PreviousAgentId { get; set; }
    public string? Policy { get; set; }
    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset EnteredGroupAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the ticket escalates if nothing happens first (null: it does not).</summary>
    public DateTimeOffset? EscalationDueAt { get; set; }
    public int EscalationCount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Text => Classification.TicketText.Of(Subject, Description);
}
