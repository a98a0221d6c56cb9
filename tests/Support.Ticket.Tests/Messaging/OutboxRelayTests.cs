using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts;
using Support.Contracts.Tickets;
using Support.Hosting.Outbox;
using Support.Ticket.Data;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests.Messaging;

/// <summary>Several relays (replicas) draining one outbox on PostgreSQL into RabbitMQ.</summary>
public class OutboxRelayTests : IAsyncLifetime
{
    private const int Aggregates = 30;
    private const int Messages = 1500;
    private readonly ConcurrentQueue<(Guid? MessageId, TicketCommentAdded Event)> received = new();
    private ServiceProvider services = null!;
    private string brokerUri = "";
    private string database = "";

    public async Task InitializeAsync()
    {
        database = await TestServers.CreateDatabaseAsync("relay");
        brokerUri = await TestServers.CreateVirtualHostAsync("relay");
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<OutboxSignal<TicketDbContext>>();
        collection.AddDbContext<TicketDbContext>(options => options.UseNpgsql(database));
        collection.Configure<OutboxOptions>(options => options.BatchSize = 50);
        collection.AddMassTransit(bus => bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(new Uri(brokerUri));
            cfg.ReceiveEndpoint("relay-order-check", endpoint =>
            {
                // One at a time, so the queue's order is the order observed.
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<TicketCommentAdded>(message =>
                {
                    received.Enqueue((message.MessageId, message.Message));
                    return Task.CompletedTask;
                });
            });
        }));
        services = collection.BuildServiceProvider();
        await services.GetRequiredService<IBusControl>().StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TicketDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.GetRequiredService<IBusControl>().StopAsync();
        await services.DisposeAsync();
        await TestServers.DeleteVirtualHostAsync(brokerUri);
        await TestServers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task Two_relays_publish_every_row_once_and_each_aggregate_in_commit_order()
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TicketDbContext>();
            for (var i = 0; i < Messages; i++)
            {
                var ticketId = i % Aggregates;
                db.AddEvent(new TicketCommentAdded(ticketId, i, "body", true, Actor.System, false, DateTimeOffset.UtcNow), $"ticket/{ticketId}", DateTimeOffset.UtcNow);
                if (i % 100 == 99)
                    await db.SaveChangesAsync();
            }
        }

        var relays = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxRelay<TicketDbContext>>(services)).ToArray();
        var published = await Task.WhenAll(relays.Select(DrainAsync));

        Assert.Equal(Messages, published.Sum());
        Assert.All(published, count => Assert.True(count > 0, "both relays should have taken part"));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Count < Messages && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await Task.Delay(500);

        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Select(r => r.MessageId).Distinct().Count());
        foreach (var aggregate in received.GroupBy(r => r.Event.TicketId))
        {
            var order = aggregate.Select(r => r.Event.CommentId).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    private async Task<int> DrainAsync(OutboxRelay<TicketDbContext> relay)
    {
        var total = 0;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            total += await relay.RelayBatchAsync(CancellationToken.None);
            await using var scope = services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TicketDbContext>().Outbox.AnyAsync(m => m.PublishedAt == null))
                return total;
        }
        throw new TimeoutException("The relays did not drain the outbox within 120 s.");
    }
}
