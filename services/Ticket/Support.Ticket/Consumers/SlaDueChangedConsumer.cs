using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Automation;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Ticket.Data;

namespace Support.Ticket.Consumers;

/// <summary>
/// Keeps the ticket's next SLA due time, for agents' lists sorted by it. Not an edit: no audit entry, no event (so
/// nothing goes back to Automation), and the version (the ETag) and UpdatedAt stay as they are. One conditional
/// update, beside any agent's edit without conflicting with it: a due time computed before the one kept (events may
/// arrive out of order) is dropped, and so is one for a ticket this service does not hold.
/// </summary>
public sealed class SlaDueChangedConsumer(TicketDbContext db, TimeProvider clock, ILogger<SlaDueChangedConsumer> logger)
    : InboxConsumer<SlaDueChanged, TicketDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<SlaDueChanged> context)
    {
        var due = context.Message;
        var ct = context.CancellationToken;
        // As stored: PostgreSQL keeps microseconds, so a republication of the same instant compares equal and replaces it.
        var changedAt = ToMicroseconds(due.ChangedAt);
        DateTimeOffset? dueAt = due.NextDueAt is { } next ? ToMicroseconds(next) : null;
        await Db.BeginChangeAsync(ct); // the inbox row commits with the update
        var updated = await Db.Tickets
            .Where(t => t.Id == due.TicketId && (t.SlaDueChangedAt == null || t.SlaDueChangedAt <= changedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SlaDueAt, dueAt).SetProperty(t => t.SlaDueChangedAt, changedAt), ct);
        if (updated == 0)
            logger.LogInformation("SlaDueChanged for ticket {TicketId} computed at {ChangedAt}: no such ticket, or a later due time is kept; ignored",
                due.TicketId, due.ChangedAt);
    }

    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10)).ToUniversalTime();
}
