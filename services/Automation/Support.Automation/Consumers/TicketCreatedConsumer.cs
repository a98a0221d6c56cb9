using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Automation.Consumers;

/// <summary>Copies a new ticket, then applies its SLA policy and runs the triggers on its creation.</summary>
public sealed class TicketCreatedConsumer(AutomationDbContext db, TicketReactions reactions, TimeProvider clock, ILogger<TicketCreatedConsumer> logger)
    : InboxConsumer<TicketCreated, AutomationDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketCreated> context)
    {
        var created = context.Message;
        if (await Db.Tickets.AnyAsync(t => t.Id == created.TicketId, context.CancellationToken))
            return;
        var ticket = new TicketCopy
        {
            Id = created.TicketId,
            Subject = created.Subject.Length > 500 ? created.Subject[..500] : created.Subject,
            Status = created.Status,
            Priority = created.Priority,
            Type = created.Type,
            Channel = created.Channel,
            RequesterId = created.RequesterId,
            OrganizationId = created.OrganizationId,
            Tags = created.Tags.ToList(),
            CreatedAt = created.CreatedAt,
            UpdatedAt = created.CreatedAt,
            StatusChangedAt = created.CreatedAt,
            Version = 1,
        };
        Db.Tickets.Add(ticket);
        await reactions.ReactAsync(ticket, new TicketEvent(TicketEventKind.Created, [], null, created.Actor, created.CreatedAt), context.CancellationToken);
    }
}
