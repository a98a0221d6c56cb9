using Support.Contracts;
using Support.Contracts.Tickets;
using Support.Ticket.Data;

namespace Support.Ticket.Tickets;

/// <summary>A comment added to a ticket, written once for the API, inbound email and Automation's commands.</summary>
public static class TicketComments
{
    /// <summary>
    /// Adds the comment and applies what it does to the ticket (the first reply, a reopen). The caller moves the
    /// ticket's version, saves (the comment gets its id), then calls <see cref="NewComment.Record"/>.
    /// </summary>
    public static NewComment Add(TicketDbContext db, Ticket ticket, string body, bool isPublic, AuthorType authorType, Actor author, DateTimeOffset now)
    {
        var comment = new TicketComment
        {
            TicketId = ticket.Id, Body = body, Public = isPublic, AuthorType = authorType, AuthorId = author.Id, CreatedAt = now,
        };
        var isFirstReply = ticket.RecordComment(isPublic, authorType, now);
        db.Comments.Add(comment);
        return new NewComment(comment, isFirstReply, author);
    }
}

/// <summary>A comment just added, to be audited and announced once saved.</summary>
public sealed record NewComment(TicketComment Comment, bool IsFirstReply, Actor Author)
{
    public void Record(TicketDbContext db)
    {
        var c = Comment;
        TicketHistory.Audit(db, c.TicketId, "comment", null, $"{(c.Public ? "public" : "internal")} #{c.Id}", Author, c.CreatedAt);
        db.AddEvent(new TicketCommentAdded(c.TicketId, c.Id, c.Body, c.Public, Author, IsFirstReply, c.CreatedAt),
            TicketHistory.Aggregate(c.TicketId), c.CreatedAt);
    }
}
