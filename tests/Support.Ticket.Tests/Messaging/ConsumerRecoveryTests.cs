using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Support.Contracts.Routing;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Messaging;

/// <summary>
/// A queue whose consumer the broker dropped without the service noticing (after broker faults under load the fault
/// suite saw one with no consumer while MassTransit reported every endpoint ready, and nothing flowed): the service
/// sees that its queue has no consumer, restarts its bus, and the queue's events are handled again.
/// </summary>
public sealed class ConsumerRecoveryTests : IAsyncLifetime
{
    private const string Queue = "ticket-ticket-classified";
    private readonly WatchedTicketApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_queue_left_without_its_consumer_gets_one_back_and_its_events_are_handled()
    {
        var vhost = new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/');
        // A restart the service began on its own (a slow start under load) can replace the consumer while it is being cancelled.
        for (var attempt = 1; ; attempt++)
        {
            var consumer = await SettledConsumerAsync(vhost);
            if (await CancelBehindTheChannelsBackAsync(vhost, consumer.ChannelPid, consumer.Tag) == 0)
                break;
            Assert.True(attempt < 3, $"{Queue} still had a consumer right after its consumer was cancelled, three times.");
        }

        await WaitForConsumersAsync(vhost, count => count > 0);
        var client = app.Client();
        var ticket = await client.CreateTicketAsync();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(app.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new TicketClassified(ticket.Id, "billing", 0.9, null, null, 3, DateTimeOffset.UtcNow));
        }
        finally
        {
            await bus.StopAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json))!.Category != "billing")
        {
            Assert.True(DateTime.UtcNow < deadline, "The classification was not applied within 30 s of the queue getting its consumer back.");
            await Task.Delay(200);
        }
    }

    // The consumer that has kept its tag for longer than the grace: a restart the service began on its own while starting
    // (under load) would otherwise replace it right after the test cancelled it, and the test would see a consumer.
    private static async Task<(string Queue, string ChannelPid, string Tag)> SettledConsumerAsync(string vhost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        (string Queue, string ChannelPid, string Tag)? seen = null;
        var seenAt = DateTime.UtcNow;
        while (true)
        {
            var current = (await ConsumersAsync(vhost)).SingleOrDefault(c => c.Queue == Queue);
            if (current.Tag is null || current != seen)
                (seen, seenAt) = (current.Tag is null ? null : current, DateTime.UtcNow);
            else if (DateTime.UtcNow - seenAt > TimeSpan.FromSeconds(5))
                return current;
            Assert.True(DateTime.UtcNow < deadline, $"{Queue} did not keep one consumer for 5 s within 90 s.");
            await Task.Delay(500);
        }
    }

    private static async Task WaitForConsumersAsync(string vhost, Func<int, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!expected((await ConsumersAsync(vhost)).Count(c => c.Queue == Queue)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Queue} did not get a consumer within 60 s.");
            await Task.Delay(500);
        }
    }

    private static async Task<IReadOnlyList<(string Queue, string ChannelPid, string Tag)>> ConsumersAsync(string vhost) =>
        (await TestServers.RabbitMqCtlAsync("list_consumers", "-q", "--no-table-headers", "-p", vhost, "queue_name", "channel_pid", "consumer_tag"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Select(c => (c[0], c[1], c[2]))
            .ToList();

    // The queue forgets the consumer while its channel, and so the client, is never told (RabbitMQ 3.10's queue process protocol).
    // Returns how many consumers the queue has right after, asked in the same call: a second rabbitmqctl can take longer than the grace.
    private static async Task<int> CancelBehindTheChannelsBackAsync(string vhost, string channelPid, string consumerTag)
    {
        var queue = $"rabbit_misc:r(<<\"{vhost}\">>, queue, <<\"{Queue}\">>)";
        var output = await TestServers.RabbitMqCtlAsync("eval",
            $"{{ok, Q}} = rabbit_amqqueue:lookup({queue}), " +
            $"gen_server2:call(amqqueue:get_pid(Q), {{basic_cancel, rabbit_misc:string_to_pid(\"{channelPid}\"), <<\"{consumerTag}\">>, undefined, <<\"test\">>}}, infinity), " +
            $"{{ok, After}} = rabbit_amqqueue:lookup({queue}), [{{consumers, Count}}] = rabbit_amqqueue:info(After, [consumers]), Count.");
        return int.TryParse(output.Trim(), out var count) ? count : throw new InvalidOperationException($"rabbitmqctl eval printed {output}");
    }

    private sealed class WatchedTicketApp() : ServiceApp<Program>("Ticket")
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Messaging:ConsumerCheckInterval", "00:00:01");
            builder.UseSetting("Messaging:ConsumerGrace", "00:00:03");
        }
    }
}
