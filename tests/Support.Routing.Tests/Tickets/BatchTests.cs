using Npgsql;
using Support.Contracts.Routing;
using Support.Routing.Tests.Infrastructure;

namespace Support.Routing.Tests.Tickets;

/// <summary>New tickets and solves are consumed in batches: one lock and one transaction for many, each message still applied once.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task Tickets_queued_in_one_batch_get_consecutive_positions()
    {
        await using var app = await RoutingApp.StartAsync();
        var group = await app.Client().CreateGroupAsync("Support");
        var tickets = Enumerable.Range(0, 5).Select(_ => Api.NewTicketId()).ToList();

        await using (await HoldRoutingLockAsync(app))
        {
            foreach (var id in tickets)
                await app.PublishAsync(Api.Created(id));
            await Task.Delay(500); // collected into one batch, waiting for the lock
        }

        var queued = await app.Events.WaitForAsync<TicketQueued>(q => tickets.Contains(q.TicketId), count: tickets.Count);
        Assert.All(queued, q => Assert.Equal(group.Id, q.GroupId));
        Assert.Equal([1, 2, 3, 4, 5], queued.Select(q => q.Position).Order());
    }

    [Fact]
    public async Task A_message_delivered_again_in_the_same_or_a_later_batch_routes_its_ticket_once()
    {
        await using var app = await RoutingApp.StartAsync();
        var group = await app.Client().CreateGroupAsync("Support");
        var agent = await app.Client().CreateAgentAsync("Ann", [group.Id], capacity: 10);
        var ticket = Api.NewTicketId();
        var messageId = Guid.NewGuid();

        await using (await HoldRoutingLockAsync(app))
        {
            await app.PublishAsync(Api.Created(ticket), messageId);
            await app.PublishAsync(Api.Created(ticket), messageId);
            await Task.Delay(500);
        }
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket);
        await app.PublishAsync(Api.Created(ticket), messageId);
        // Consumed in order with the repeat: once the next ticket is routed, the repeat was skipped.
        var other = Api.NewTicketId();
        await app.PublishAsync(Api.Created(other));
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == other);

        Assert.Single(app.Events.All<TicketRouted>(r => r.TicketId == ticket));
        Assert.Equal(2, (await app.Client().GetAgentAsync(agent.Id)).Load);
        Assert.Equal(1, await app.CountAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
    }

    [Fact]
    public async Task A_batch_that_fails_to_save_writes_nothing_and_is_retried_whole()
    {
        await using var app = await RoutingApp.StartAsync();
        var group = await app.Client().CreateGroupAsync("Support", "least_loaded");
        for (var i = 0; i < 3; i++)
            await app.Client().CreateAgentAsync($"Agent {i}", [group.Id], capacity: 5);
        // The first outbox row the batch writes fails its save (a sequence is not rolled back); the retry succeeds.
        await ExecuteAsync(app, """
            CREATE SEQUENCE fail_once;
            CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'a transient fault'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER fail_once BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION fail_once();
            """);
        var tickets = Enumerable.Range(0, 20).Select(_ => Api.NewTicketId()).ToList();

        await using (await HoldRoutingLockAsync(app))
        {
            foreach (var id in tickets)
                await app.PublishAsync(Api.Created(id));
            await Task.Delay(500);
        }

        var routed = await app.Events.WaitForAsync<TicketRouted>(r => tickets.Contains(r.TicketId), count: tickets.Count);
        await Task.Delay(500); // any repeat would follow soon
        Assert.Equal(tickets.Order(), app.Events.All<TicketRouted>(r => tickets.Contains(r.TicketId)).Select(r => r.TicketId).Order());
        Assert.Equal(15, routed.Count(r => r.AgentId is not null));
        Assert.Equal(tickets.Count, await app.CountAsync("inbox_messages WHERE \"Consumer\" = 'TicketCreatedConsumer'"));
        Assert.Equal(0, await app.CountAsync("agents WHERE \"Load\" <> 5"));
        Assert.Equal(1, await app.CountAsync("pg_sequences WHERE sequencename = 'fail_once' AND last_value > 1")); // it did fail once
    }

    [Fact]
    public async Task A_ticket_that_cannot_be_routed_lands_in_the_error_queue_alone_and_its_batch_is_routed()
    {
        await using var app = await RoutingApp.StartAsync();
        var group = await app.Client().CreateGroupAsync("Support");
        await app.Client().CreateAgentAsync("Ann", [group.Id], capacity: 20);
        var good = Enumerable.Range(0, 10).Select(_ => Api.NewTicketId()).ToList();
        var bad = Api.NewTicketId();

        await using (await HoldRoutingLockAsync(app))
        {
            foreach (var id in good.Take(5))
                await app.PublishAsync(Api.Created(id));
            await app.PublishAsync(Api.Created(bad, priority: "critical"));
            foreach (var id in good.Skip(5))
                await app.PublishAsync(Api.Created(id));
            await Task.Delay(500);
        }

        var routed = await app.Events.WaitForAsync<TicketRouted>(r => good.Contains(r.TicketId), count: good.Count);
        Assert.All(routed, r => Assert.NotNull(r.AgentId));
        var vhost = Uri.UnescapeDataString(new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/'));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await TestServers.RabbitMqCtlAsync("list_queues", "-p", vhost, "--quiet", "name", "messages")).Split('\n').Contains("routing-ticket-created_error\t1"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The invalid ticket never reached routing-ticket-created_error.");
            await Task.Delay(200);
        }
        Assert.Equal(0, await app.CountAsync($"tickets WHERE \"TicketId\" = {bad}"));
    }

    [Fact]
    public async Task Solves_in_one_batch_free_capacity_and_drain_the_queue_in_order()
    {
        await using var app = await RoutingApp.StartAsync();
        var group = await app.Client().CreateGroupAsync("Support", "least_loaded");
        var agents = new[] { (await app.Client().CreateAgentAsync("Ann", [group.Id], capacity: 2)).Id, (await app.Client().CreateAgentAsync("Bob", [group.Id], capacity: 2)).Id };
        var first = Enumerable.Range(0, 4).Select(_ => Api.NewTicketId()).ToList();
        var waiting = Enumerable.Range(0, 5).Select(_ => Api.NewTicketId()).ToList();
        foreach (var id in first)
            await app.PublishAsync(Api.Created(id));
        var assigned = await app.Events.WaitForAsync<TicketRouted>(r => first.Contains(r.TicketId), count: first.Count);
        foreach (var id in waiting)
            await app.PublishAsync(Api.Created(id));
        await app.Events.WaitForAsync<TicketQueued>(q => waiting.Contains(q.TicketId), count: waiting.Count);

        await using (await HoldRoutingLockAsync(app))
        {
            foreach (var r in assigned.Take(3))
                await app.PublishAsync(Api.Solved(r.TicketId, r.AgentId));
            await Task.Delay(500);
        }

        var drained = await app.Events.WaitForAsync<TicketRouted>(r => waiting.Contains(r.TicketId) && r.AgentId != null, count: 3);
        var order = (await app.Events.WaitForAsync<TicketQueued>(q => waiting.Contains(q.TicketId), count: waiting.Count)).OrderBy(q => q.Position).Select(q => q.TicketId).ToList();
        Assert.Equal(order.Take(3).Order(), drained.Select(r => r.TicketId).Order());
        Assert.Equal(0, await app.CountAsync("agents WHERE \"Load\" > \"Capacity\""));
        Assert.Equal(0, await app.CountAsync(
            "agents a WHERE a.\"Load\" <> (SELECT count(*) FROM tickets t WHERE t.\"AgentId\" = a.\"Id\" AND t.\"State\" = 'Assigned')"));
        Assert.Equal(4, (await app.Client().GetAgentAsync(agents[0])).Load + (await app.Client().GetAgentAsync(agents[1])).Load);
    }

    [Fact]
    public async Task The_standalone_mode_routes_a_burst_in_batches_on_SQLite_and_the_in_memory_bus()
    {
        await using var app = await RoutingApp.StartAsync(sqlite: true);
        var group = await app.Client().CreateGroupAsync("Support", "least_loaded");
        for (var i = 0; i < 4; i++)
            await app.Client().CreateAgentAsync($"Agent {i}", [group.Id], capacity: 10);
        var burst = Enumerable.Range(0, 60).Select(_ => Api.NewTicketId()).ToList();

        await Task.WhenAll(burst.Select(id => app.PublishInProcessAsync(Api.Created(id))));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await app.CountAsync("tickets") < burst.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The burst was not routed within 60 s.");
            await Task.Delay(200);
        }
        Assert.Equal(40, await app.CountAsync("tickets WHERE \"State\" = 'Assigned'"));
        Assert.Equal(20, await app.CountAsync("tickets WHERE \"State\" = 'Queued'"));
        Assert.Equal(0, await app.CountAsync(
            "agents a WHERE a.\"Load\" <> (SELECT count(*) FROM tickets t WHERE t.\"AgentId\" = a.\"Id\" AND t.\"State\" = 'Assigned')"));
        Assert.Equal(burst.Count, await app.CountAsync("inbox_messages WHERE \"Consumer\" = 'TicketCreatedConsumer'"));
    }

    private static async Task ExecuteAsync(RoutingApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    /// <summary>Holds Routing's lock until disposed, so the messages published meanwhile gather into one batch.</summary>
    private static async Task<IAsyncDisposable> HoldRoutingLockAsync(RoutingApp app)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand($"SELECT pg_advisory_xact_lock({Data.RoutingLock.Key})", connection, transaction).ExecuteNonQueryAsync();
        return new Held(connection, transaction);
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
