namespace Support.Automation.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so due times and breach moments are exact and no test waits for them.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Set(DateTimeOffset to) => now = to;
}
