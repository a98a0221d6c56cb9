using System.Net;
using MassTransit;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.Routing;

/// <summary>
/// Isolates routing: publishes a backlog of TicketCreated straight to RabbitMQ (as the Ticket service's relay would),
/// for ticket ids the Ticket service does not have, so the Routing service has a full queue to decide on.
/// </summary>
public static class BrokerSaturation
{
    // Fake ids live above every real ticket id: 1,000,000,000 + a slot of MaxBacklog ids picked from the clock.
    public const int MaxBacklog = 10_000;
    private const int FirstFakeId = 1_000_000_000;
    private const int Slots = 100_000;

    /// <summary>A block of ticket ids the Routing service has never seen (it answers 404 for the first and last).</summary>
    public static async Task<int> FreeIdsAsync(HttpClient http, int count)
    {
        var slot = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % Slots);
        for (var attempt = 0; attempt < 10; attempt++, slot = (slot + 1) % Slots)
        {
            var first = FirstFakeId + slot * MaxBacklog;
            if (await UnknownAsync(http, first) && await UnknownAsync(http, first + count - 1))
                return first;
        }
        throw new InvalidOperationException("no free block of ticket ids found for the backlog");
    }

    public static async Task PublishAsync(Uri rabbitMq, int firstId, int count)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbitMq));
        await bus.StartAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var chunk in Enumerable.Range(firstId, count).Chunk(500))
                await Task.WhenAll(chunk.Select(id => bus.Publish(Ticket(id, now))));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static TicketCreated Ticket(int id, DateTimeOffset now) => new(
        id, "Cannot log in to my account", "Hi, since this morning I get an error when I try to sign in. Can you help?", "new", "normal",
        PriorityGiven: true, Type: null, Channel: "api", RequesterId: 1, RequesterEmail: "customer1@example.com", RequesterName: "Customer 1",
        OrganizationId: null, Tags: [], Actor: new Actor("api", null), CreatedAt: now);

    private static async Task<bool> UnknownAsync(HttpClient http, int ticketId)
    {
        using var response = await http.GetAsync($"api/routing/tickets/{ticketId}");
        return response.StatusCode == HttpStatusCode.NotFound;
    }
}
