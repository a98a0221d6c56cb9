using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Classifier;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// A person's category is the label the classifier learns from: when it corrects the classifier's, it becomes a
/// training example at once (the solve updates it later). A person's priority reorders the queue and is never
/// predicted over. Routing's own changes (the classification applied) are skipped.
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
        var corrected = false;
        if (category is not null)
        {
            var classifiers = ticket.CategoryConfirmed ? null : ticket.Category;
            ticket.Category = category.NewValue is { Length: > Categories.CategoryRoute.NameMaxLength } text ? text[..Categories.CategoryRoute.NameMaxLength] : category.NewValue;
            ticket.CategoryConfirmed = category.NewValue is not null;
            corrected = classifiers is not null && ticket.Category is not null && ticket.Category != classifiers;
        }
        if (priority is not null && EnumText.Parse<TicketPriority>(priority.NewValue) is { } newPriority)
        {
            ticket.Priority = newPriority;
            ticket.PriorityGiven = true;
        }
        var now = Clock.Now();
        if (corrected)
            await ClassifierExamples.RecordAsync(Db, ticket, now, ct);
        ticket.UpdatedAt = now;
    }
}
