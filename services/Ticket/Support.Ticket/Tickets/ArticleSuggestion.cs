namespace Support.Ticket.Tickets;

/// <summary>A knowledge-base article suggested for a ticket; stored in the ticket's row, as JSON.</summary>
public class ArticleSuggestion
{
    public int ArticleId { get; set; }
    public string Title { get; set; } = "";
    public string Locale { get; set; } = "";
    public double Confidence { get; set; }
}
