using MassTransit;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Classifier;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>A new ticket: classify it from its text, keep a copy, and route it.</summary>
public sealed class TicketCreatedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketCreatedConsumer> logger, CurrentClassifier classifier, TicketRouter router)
    : InboxConsumer<TicketCreated, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketCreated> context)
    {
        var created = context.Message;
        var ct = context.CancellationToken;
        var priority = EnumText.Parse<TicketPriority>(created.Priority)
            ?? throw new ArgumentException($"TicketCreated for ticket {created.TicketId} has priority '{created.Priority}', which is not a priority.");
        // Outside the lock: classifying is the slow part and reads nothing routing decides.
        var prediction = await classifier.PredictAsync(Db, created.Subject, created.Description, predictPriority: !created.PriorityGiven, ct);

        await RoutingLock.EnterAsync(Db, ct);
        var now = Clock.Now();
        var ticket = await TicketLifecycle.FindOrPlaceholderAsync(Db, created.TicketId, RoutingState.Queued, created.CreatedAt, ct);
        if (ticket.HasText)
            return;
        ticket.HasText = true;
        ticket.Subject = created.Subject.Length > RoutedTicket.SubjectMaxLength ? created.Subject[..RoutedTicket.SubjectMaxLength] : created.Subject;
        ticket.Description = created.Description;
        ticket.CreatedAt = created.CreatedAt;
        ticket.Priority = priority;
        ticket.PriorityGiven = created.PriorityGiven;
        if (prediction is not null)
        {
            ticket.Category ??= prediction.Category;
            if (!created.PriorityGiven && EnumText.Parse<TicketPriority>(prediction.Priority) is { } predicted)
                ticket.Priority = predicted;
            Db.AddEvent(new TicketClassified(created.TicketId, prediction.Category, prediction.CategoryConfidence, prediction.Priority,
                prediction.PriorityConfidence, prediction.ModelVersion, now), TicketRouter.Aggregate(created.TicketId), now);
        }
        // A person's assignment (or a solve) that overtook this event already decided where the ticket is.
        if (ticket.State != RoutingState.Queued)
            return;
        await router.RouteAsync(ticket, preferredAgentId: null, groupId: null, ct);
    }
}
