using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Data;
using Support.Hosting.Inbox;

namespace Support.Channels.Webhooks;

/// <summary>
/// Queues a delivery of each published event for every active webhook that subscribes to it, once per event (the
/// inbox), in the same transaction. Every event type shares the one "channels-webhook-events" queue, taken one message
/// at a time so that deliveries are made in the order the events were published.
/// </summary>
public sealed class WebhookEventConsumer<TEvent>(ChannelsDbContext db, WebhookSubscriptions subscriptions, TimeProvider clock, ILogger<WebhookEventConsumer<TEvent>> logger)
    : InboxConsumer<TEvent, ChannelsDbContext>(db, clock, logger) where TEvent : class
{
    protected override bool Ignores(TEvent message) => !subscriptions.MaySubscribe(typeof(TEvent).Name);

    protected override async Task Handle(ConsumeContext<TEvent> context)
    {
        var type = typeof(TEvent).Name;
        var subscribers = await Db.Webhooks.AsNoTracking()
            .Where(w => w.Active && (w.Events.Contains(type) || w.Events.Contains(Webhook.AllEvents)))
            .Select(w => w.Id).ToListAsync(context.CancellationToken);
        if (subscribers.Count == 0)
            return;

        var now = Clock.Now();
        var eventId = context.MessageId!.Value;
        var payload = WebhookEvent.Payload(eventId, type, WebhookEvent.OccurredAt(context.Message, now), context.Message);
        var orderingKey = WebhookEvent.OrderingKey(context.Message);
        foreach (var webhookId in subscribers)
            Db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhookId,
                EventId = eventId,
                EventType = type,
                OrderingKey = orderingKey.Length <= WebhookDelivery.OrderingKeyMaxLength ? orderingKey : orderingKey[..WebhookDelivery.OrderingKeyMaxLength],
                Payload = payload,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
    }
}
