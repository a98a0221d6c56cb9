namespace Support.Ticket.Tickets;

public class TicketComment
{
    public const int BodyMaxBytes = 64 * 1024;

    public long Id { get; set; }
    public int TicketId { get; set; }
    public string Body { get; set; } = "";
    public bool Public { get; set; }
    public AuthorType AuthorType { get; set; }
    public string? AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
