using Microsoft.EntityFrameworkCore;
using Support.Hosting.Text;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Classifier;

public static class ClassifierExamples
{
    /// <summary>A resolved ticket's final category (and priority) becomes a training example, replacing an earlier one of the same ticket.</summary>
    public static async Task RecordAsync(RoutingDbContext db, RoutedTicket ticket, DateTimeOffset now, CancellationToken ct)
    {
        if (ticket.Category is null || !ticket.HasText)
            return;
        var example = await db.ClassifierExamples.FirstOrDefaultAsync(e => e.TicketId == ticket.TicketId, ct);
        if (example is null)
            db.ClassifierExamples.Add(example = new ClassifierExample { TicketId = ticket.TicketId });
        example.Subject = ticket.Subject;
        example.Description = ticket.Description;
        example.Category = ticket.Category;
        example.Priority = ticket.PriorityGiven ? ticket.Priority.Wire() : null;
        example.CreatedAt = now;
    }
}
