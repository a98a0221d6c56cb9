using System.Collections.Concurrent;
using MassTransit;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Ticket.Tests.Infrastructure;

/// <summary>
/// A subscriber on the real RabbitMQ, with a durable queue of its own (expiring when unused), so it keeps every
/// event across a broker restart.
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> received = new();
    private IBusControl bus = null!;

    public static async Task<EventListener> StartAsync(string brokerUri)
    {
        var listener = new EventListener();
        listener.bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(brokerUri));
            cfg.ReceiveEndpoint($"test-listener-{Guid.NewGuid():N}", e =>
            {
                e.Durable = true;
                e.AutoDelete = false;
                e.SetQueueArgument("x-expires", 600_000);
                listener.Listen<TicketCreated>(e);
                listener.Listen<TicketUpdated>(e);
                listener.Listen<TicketStatusChanged>(e);
                listener.Listen<TicketAssigned>(e);
                listener.Listen<TicketSolved>(e);
                listener.Listen<TicketReopened>(e);
                listener.Listen<TicketCommentAdded>(e);
                listener.Listen<SatisfactionRated>(e);
                listener.Listen<CustomerCreated>(e);
                listener.Listen<CustomerUpdated>(e);
                listener.Listen<InboundEmailApplied>(e);
            });
        });
        await listener.bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return listener;
    }

    private void Listen<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        });

    public IReadOnlyList<T> All<T>(Func<T, bool> match) => received.Select(r => r.Message).OfType<T>().Where(match).ToList();

    public IReadOnlyList<Guid?> MessageIds<T>(Func<T, bool> match) =>
        received.Where(r => r.Message is T m && match(m)).Select(r => r.MessageId).ToList();

    /// <summary>Waits until at least <paramref name="count"/> matching events arrived, then a moment more for duplicates.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (All(match).Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name} event(s) within {timeoutSeconds} s, got {All(match).Count}.");
            await Task.Delay(50);
        }
        await Task.Delay(500);
        return All(match);
    }

    /// <summary>Publishes another service's event to the service under test.</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        bus.Publish(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
