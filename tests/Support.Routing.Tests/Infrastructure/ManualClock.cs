namespace Support.Routing.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so escalation times are exact and no test sleeps.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
