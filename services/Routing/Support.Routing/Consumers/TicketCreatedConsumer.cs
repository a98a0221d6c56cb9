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

/// <summary>
/// New tickets: classify each from its text, keep a copy, and route it. A batch of them takes the routing lock once and
/// is decided in one transaction, one ticket after another, on the groups and loads the router read once.
/// </summary>
public sealed class TicketCreatedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketCreatedConsumer> logger, CurrentClassifier classifier, TicketRouter router)
    : InboxBatchConsumer<TicketCreated, RoutingDbContext>(db, clock, logger)
{
    private readonly Dictionary<Guid, TicketPrediction?> predictions = [];
    private Dictionary<int, RoutedTicket> tickets = [];

    /// <summary>
    /// Whether the ticket can be routed at all: one that cannot fails alone (to the error queue), never its batch, so the
    /// batch groups it apart (see RoutingService).
    /// </summary>
    public static bool IsValid(TicketCreated created) => EnumText.Parse<TicketPriority>(created.Priority) is not null;

    protected override async Task PrepareAsync(IReadOnlyList<ConsumeContext<TicketCreated>> messages, CancellationToken ct)
    {
        // Outside the lock: classifying is the slow part and reads nothing routing decides.
        foreach (var message in messages)
        {
            var created = message.Message;
            predictions[message.MessageId!.Value] = await classifier.PredictAsync(Db, created.Subject, created.Description, predictPriority: !created.PriorityGiven, ct);
        }

        await RoutingLock.EnterAsync(Db, ct);
        tickets = await TicketLifecycle.LoadAsync(Db, messages.Select(m => m.Message.TicketId), ct);
    }

    protected override async Task Handle(ConsumeContext<TicketCreated> context)
    {
        var created = context.Message;
        var ct = context.CancellationToken;
        var priority = EnumText.Parse<TicketPriority>(created.Priority)
            ?? throw new ArgumentException($"TicketCreated for ticket {created.TicketId} has priority '{created.Priority}', which is not a priority.");
        var prediction = predictions[context.MessageId!.Value];
        var now = Clock.Now();
        var ticket = TicketLifecycle.FindOrPlaceholder(Db, tickets, created.TicketId, RoutingState.Queued, created.CreatedAt);
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
