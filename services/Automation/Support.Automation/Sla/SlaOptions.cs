namespace Support.Automation.Sla;

public sealed class SlaOptions
{
    /// <summary>How often the SLA clock looks for targets due and warnings due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before a target's due time its SlaWarning is published.</summary>
    public TimeSpan WarningLead { get; set; } = TimeSpan.FromMinutes(15);
}
