using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;

namespace Support.Routing.Consumers;

/// <summary>
/// A person's category is the label the classifier learns from; a person's priority reorders the queue and is
/// never predicted over. Routing's own changes (the classification applied) are skipped.
/// </summary>
public sealed class TicketUpdatedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketUpdatedConsumer> logger)
    : InboxConsumer<TicketUpdated, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketUpdated> context)
    {
        var updated = context.Message;
        var ct = context.CancellationToken;
        if (updated.Actor == TicketRouter.Actor)
            return;
        var category = updated.Changes.FirstOrDefault(c => c.Field == "category");
        var priority = updated.Changes.FirstOrDefault(c => c.Field == "priority");
        if (category is null && priority is null)
            return;

        await RoutingLock.EnterAsync(Db, ct);
        if (await Db.Tickets.FindAsync([updated.TicketId], ct) is not { } ticket)
            return;
        if (category is not null)
        {
            ticket.Category = category.NewValue is { Length: > Categories.CategoryRoute.NameMaxLength } text ? text[..Categories.CategoryRoute.NameMaxLength] : category.NewValue;
            ticket.CategoryConfirmed = category.NewValue is not null;
        }
        if (priority is not null && PriorityText.Parse(priority.NewValue) is { } newPriority)
        {
            ticket.Priority = newPriority;
            ticket.PriorityGiven = true;
        }
        ticket.UpdatedAt = Clock.Now();
    }
}
