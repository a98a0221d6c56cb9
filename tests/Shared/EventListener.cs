using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace Support.Testing;

/// <summary>
/// A subscriber on the real RabbitMQ that records every event of the given types, and publishes other services'
/// events for the service under test. Compiled into each test project that needs it (see its csproj).
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private static readonly MethodInfo ListenMethod = typeof(EventListener).GetMethod(nameof(Listen), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly ConcurrentQueue<object> received = new();
    private IBusControl bus = null!;

    public static async Task<EventListener> StartAsync(string brokerUri, params Type[] eventTypes)
    {
        var listener = new EventListener();
        listener.bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(brokerUri));
            cfg.ReceiveEndpoint($"test-listener-{Guid.NewGuid():N}", e =>
            {
                e.PrefetchCount = 200;
                e.ConcurrentMessageLimit = 1; // recorded in the order delivered: tests assert the order events were published in
                foreach (var type in eventTypes)
                    ListenMethod.MakeGenericMethod(type).Invoke(listener, [e]);
            });
        });
        await listener.bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return listener;
    }

    private void Listen<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        bus.Publish(message, context => context.MessageId = messageId);

    public IReadOnlyList<T> All<T>(Func<T, bool>? match = null) => received.OfType<T>().Where(match ?? (_ => true)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> matching events arrived, then a moment more for duplicates.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (All(match).Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name} event(s) within {timeoutSeconds} s, got {All(match).Count}.");
            await Task.Delay(20);
        }
        await Task.Delay(300);
        return All(match);
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
