namespace Support.Automation.Sla;

/// <summary>A policy's target for tickets of one priority: the metric, the minutes allowed, in business or calendar time.</summary>
public record SlaPolicyTarget(string Priority, string Metric, int Minutes, bool BusinessHours);
