using System.Net;
using Support.Contracts.Tickets;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests.Messaging;

/// <summary>
/// Tickets are accepted while RabbitMQ is down and their events published when it returns: on a broker of the test's
/// own, which it stops. With existing servers that is the shared broker, hence a collection that runs alone.
/// </summary>
[Collection(Name)]
public sealed class BrokerOutageTests : IAsyncLifetime
{
    public const string Name = "broker outage, alone";
    private RabbitMqServer broker = null!;
    private TicketApp app = null!;
    private EventListener events = null!;

    public async Task InitializeAsync()
    {
        broker = await TestServers.RabbitMqOfItsOwnAsync();
        app = new TicketApp { Broker = broker };
        await app.InitializeAsync();
        events = await EventListener.StartAsync(app.RabbitMqUri);
    }

    public async Task DisposeAsync()
    {
        await events.DisposeAsync();
        await app.DisposeAsync();
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Tickets_are_accepted_while_RabbitMQ_is_down_and_every_event_is_published_when_it_returns()
    {
        var client = app.Client();
        var ids = new List<int>();
        await broker.CtlAsync("stop_app");
        try
        {
            for (var i = 0; i < 20; i++)
                ids.Add((await client.CreateTicketAsync(subject: $"During outage {i}")).Id);
            Assert.True(await app.CountRowsAsync("outbox_messages WHERE \"PublishedAt\" IS NULL") >= 20);
            var health = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // degraded at worst: the service keeps taking tickets
        }
        finally
        {
            await broker.CtlAsync("start_app");
            await broker.CtlAsync("await_startup");
        }

        var delivered = await events.WaitForAsync<TicketCreated>(e => ids.Contains(e.TicketId), count: ids.Count, timeoutSeconds: 90);
        Assert.Equal(ids.Order(), delivered.Select(e => e.TicketId).Order());
    }
}

[CollectionDefinition(BrokerOutageTests.Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection;
