namespace Support.Routing.Classifier;

/// <summary>A ticket's text with the category (and priority) it finally had: what the classifier learns from.</summary>
public class ClassifierExample
{
    public long Id { get; set; }

    /// <summary>The ticket it came from; null for examples imported from another helpdesk.</summary>
    public int? TicketId { get; set; }
    public string Subject { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public string? Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
