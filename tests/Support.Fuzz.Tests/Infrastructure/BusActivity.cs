using MassTransit;

namespace Support.Fuzz.Tests.Infrastructure;

/// <summary>Counts messages being received (retries included), so a run waits until the consumers a change set off are done.</summary>
public sealed class BusActivity : IReceiveObserver
{
    private int inFlight;

    public bool Idle => Volatile.Read(ref inFlight) == 0;

    public Task PreReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref inFlight);
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Decrement(ref inFlight);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Decrement(ref inFlight);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;
}
