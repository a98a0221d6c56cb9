using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// An integrator's subscriber, written with RabbitMQ.Client only (no MassTransit, no Support types): its own
/// exclusive queue bound to the fanout exchange MassTransit publishes TicketCreated to, reading the JSON envelope.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class IntegratorSubscriberTests(Topology topology)
{
    private const string TicketCreatedExchange = "Support.Contracts.Tickets:TicketCreated";

    [Fact]
    public async Task A_subscriber_receives_TicketCreated_for_a_ticket_created_through_the_gateway()
    {
        var factory = new ConnectionFactory { Uri = new Uri(topology.RabbitMq), ClientProvidedName = "support-e2e-integrator" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // The same declaration as MassTransit's, so it does not matter which side declares the exchange first.
        await channel.ExchangeDeclareAsync(TicketCreatedExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, TicketCreatedExchange, routingKey: "");

        var envelopes = Channel.CreateUnbounded<string>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) => await envelopes.Writer.WriteAsync(Encoding.UTF8.GetString(delivery.Body.Span));
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);

        using var client = topology.Client();
        var email = $"integrator-{Guid.NewGuid():N}@example.com";
        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Webhook order sync is failing",
            description = "Orders from the shop stopped arriving at 09:00.",
            requester = new { email, name = "Ivy Integrator" },
        });
        var ticketId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var envelope = await EnvelopeOfTicketAsync(envelopes.Reader, ticketId, TimeSpan.FromSeconds(20));
        var message = envelope.GetProperty("message");
        Assert.Equal("Webhook order sync is failing", message.Text("subject"));
        Assert.Equal(email, message.Text("requesterEmail"));
        Assert.True(Guid.TryParse(envelope.Text("messageId"), out _), $"messageId is not a GUID: {envelope}");
        Assert.Contains("urn:message:Support.Contracts.Tickets:TicketCreated", envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
    }

    /// <summary>Reads envelopes until the one whose message is about the ticket (other tests create tickets too).</summary>
    private static async Task<JsonElement> EnvelopeOfTicketAsync(ChannelReader<string> envelopes, int ticketId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var text = await envelopes.ReadAsync(cancel.Token);
                seen.Add(text);
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("message", out var message)
                    && message.TryGetProperty("ticketId", out var id) && id.GetInt32() == ticketId)
                    return json.RootElement.Clone();
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                $"No TicketCreated for ticket {ticketId} arrived within {timeout.TotalSeconds:0}s; {seen.Count} other envelopes did:\n{string.Join("\n", seen)}");
        }
    }
}
