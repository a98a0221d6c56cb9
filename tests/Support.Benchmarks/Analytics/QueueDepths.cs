using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Support.Benchmarks.Analytics;

/// <summary>How many messages wait in RabbitMQ queues, read with a passive declare (which creates nothing).</summary>
public static class QueueDepths
{
    /// <summary>The queues TicketCreated reaches in the topology (ServiceEndpointNameFormatter's names), the Analytics one first.</summary>
    public static readonly string[] TicketCreatedQueues = [ReportLag.AnalyticsQueue, "routing-ticket-created", "knowledgebase-ticket-created"];

    /// <summary>Each queue's ready messages; a queue that does not exist is left out.</summary>
    public static async Task<List<(string Queue, uint Messages)>> ReadAsync(Uri rabbitMq, IEnumerable<string> queues)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "support-analytics-benchmark" };
        await using var connection = await factory.CreateConnectionAsync();
        var depths = new List<(string, uint)>();
        foreach (var queue in queues)
        {
            // A failed passive declare closes the channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue);
                depths.Add((queue, ok.MessageCount));
            }
            catch (OperationInterruptedException)
            {
            }
        }
        return depths;
    }
}
