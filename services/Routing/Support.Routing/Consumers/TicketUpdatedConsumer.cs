using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// A person's category is the label the classifier learns from; a person's priority reorders the queue and is
/// never predicted over. Routing's own changes (the classification applied) are skipped.
/// </summary>
public sealed class TicketUpdatedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketUpdatedConsumer> logger)
    : InboxConsumer<TicketUpdated, RoutingDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketUpdated updated) =>
        updated.Actor == TicketRouter.Actor || !updated.Changes.Any(c => c.Field is "category" or "priority");

    protected override async Task Handle(ConsumeContext<TicketUpdated> context)
    {
        var updated = context.Message;
        var ct = context.CancellationToken;
        var category = updated.Changes.FirstOrDefault(c => c.Field == "category");
        var priority = updated.Changes.FirstOrDefault(c => c.Field == "priority");

        await RoutingLock.EnterAsync(Db, ct);
        if (await Db.Tickets.FindAsync([updated.TicketId], ct) is not { } ticket)
            return;
        if (category is not null)
        {
            ticket.Category = category.NewValue is { Length: > Categories.CategoryRoute.NameMaxLength } text ? text[..Categories.CategoryRoute.NameMaxLength] : category.NewValue;
            ticket.CategoryConfirmed = category.NewValue is not null;
        }
        if (priority is not null && EnumText.Parse<TicketPriority>(priority.NewValue) is { } newPriority)
        {
            ticket.Priority = newPriority;
            ticket.PriorityGiven = true;
        }
        ticket.UpdatedAt = Clock.Now();
    }
}
