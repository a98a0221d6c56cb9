using MassTransit;
using Support.Contracts.Routing;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Consumers;

/// <summary>
/// Applies the classifier's prediction where no person decided: the category when the ticket has none, the
/// priority when nobody gave one. Audited and announced with TicketUpdated like any change. A prediction arriving
/// after the ticket was solved or closed is dropped. Predictions come in batches, applied in one transaction.
/// </summary>
public sealed class TicketClassifiedConsumer(TicketDbContext db, TimeProvider clock, ILogger<TicketClassifiedConsumer> logger)
    : InboxBatchConsumer<TicketClassified, TicketDbContext>(db, clock, logger)
{
    public static bool IsValid(TicketClassified classified) =>
        !(classified.Category?.Trim().Length > Tickets.Ticket.CategoryMaxLength)
        && (classified.Priority is null || EnumText.Parse<TicketPriority>(classified.Priority) is not null);

    protected override Task PrepareAsync(IReadOnlyList<ConsumeContext<TicketClassified>> messages, CancellationToken ct) =>
        Db.LockTicketsAsync(messages.Select(m => m.Message.TicketId), ct);

    protected override async Task Handle(ConsumeContext<TicketClassified> context)
    {
        var classified = context.Message;
        var category = string.IsNullOrWhiteSpace(classified.Category) ? null : classified.Category.Trim();
        // Not transient: no retry helps, so the message goes straight to the _error queue with this exception.
        if (category?.Length > Tickets.Ticket.CategoryMaxLength)
            throw new ArgumentException($"TicketClassified for ticket {classified.TicketId} has a category longer than {Tickets.Ticket.CategoryMaxLength} characters.");
        TicketPriority? priority = null;
        if (classified.Priority is not null)
            priority = EnumText.Parse<TicketPriority>(classified.Priority)
                ?? throw new ArgumentException($"TicketClassified for ticket {classified.TicketId} has priority '{classified.Priority}'; expected one of {EnumText.Allowed<TicketPriority>()}.");

        var ticket = await Db.Tickets.FindAsync([classified.TicketId], context.CancellationToken);
        if (ticket is null || ticket.Status is TicketStatus.Solved or TicketStatus.Closed)
            return;

        var now = Clock.Now();
        var before = TicketSnapshot.Of(ticket);
        if (ticket.Category is null && category is not null)
            ticket.Category = category;
        if (!ticket.PriorityGiven && priority is not null)
            ticket.Priority = priority.Value;
        if (TicketHistory.RecordChanges(Db, before, ticket, Actors.Routing, now).Count > 0)
        {
            ticket.UpdatedAt = now;
            ticket.Version++;
        }
    }
}
