namespace Support.Hosting.Data;

public static class Clock
{
    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a response and a later read agree.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
