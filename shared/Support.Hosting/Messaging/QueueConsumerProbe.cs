using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Support.Hosting.Messaging;

/// <summary>
/// Asks the broker how many consumers each of the service's queues has (a passive declare on a connection of its own).
/// The count is the queue's, so with several replicas a replica that lost its consumer goes unseen while another still
/// consumes; what it catches is the stall: a queue nobody consumes although the bus reports itself healthy.
/// </summary>
public sealed class QueueConsumerProbe(Uri broker) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;

    /// <summary>The queues without a consumer (a queue that does not exist counts as one without).</summary>
    public async Task<IReadOnlyList<string>> QueuesWithoutConsumersAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection is not { IsOpen: true })
            {
                if (connection is not null)
                    await connection.DisposeAsync().ConfigureAwait(false);
                connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "support-consumer-probe" }
                    .CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            var missing = new List<string>();
            foreach (var queue in queues)
            {
                // A passive declare of a missing queue closes its channel: one channel per queue.
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                try
                {
                    if ((await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).ConsumerCount == 0)
                        missing.Add(queue);
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                {
                    missing.Add(queue);
                }
            }
            return missing;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
            await connection.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }
}
