namespace Support.Contracts;

/// <summary>Who caused a change: type is "agent", "customer", "system" or "api"; id is theirs, when known.</summary>
public record Actor(string Type, string? Id)
{
    public static readonly Actor System = new("system", null);
}
