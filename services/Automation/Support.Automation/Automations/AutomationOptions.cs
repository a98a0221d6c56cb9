namespace Support.Automation.Automations;

public sealed class AutomationOptions
{
    /// <summary>How often the scanner checks the tickets against the automations.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tickets claimed and checked in one transaction.</summary>
    public int BatchSize { get; set; } = 200;
}
