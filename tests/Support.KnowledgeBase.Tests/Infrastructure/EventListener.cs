using System.Collections.Concurrent;
using MassTransit;
using Support.Contracts.KnowledgeBase;

namespace Support.KnowledgeBase.Tests.Infrastructure;

/// <summary>A subscriber to the KnowledgeBase service's events on the real RabbitMQ, which also publishes the Ticket service's events to it.</summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> received = new();
    private IBusControl bus = null!;

    public static async Task<EventListener> StartAsync(string brokerUri)
    {
        var listener = new EventListener();
        listener.bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(brokerUri));
            cfg.ReceiveEndpoint($"test-listener-{Guid.NewGuid():N}", e =>
            {
                e.PrefetchCount = 200;
                listener.Listen<ArticlePublished>(e);
                listener.Listen<ArticleUpdated>(e);
                listener.Listen<ArticleArchived>(e);
                listener.Listen<ArticleFeedbackGiven>(e);
                listener.Listen<QuestionAnswered>(e);
                listener.Listen<ArticlesSuggested>(e);
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
