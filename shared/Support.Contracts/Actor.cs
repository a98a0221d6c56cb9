namespace Support.Contracts;

/// <summary>
/// Who caused a change: type is "agent", "customer", "admin" (a user not linked to an agent record), "integration"
/// (an OAuth client; id is its client id), "system" (a service's own decision), "trigger" (Automation's triggers; id is
/// the fired triggers' ids, comma-separated in firing order) or "automation" (a time-based automation; id is its id);
/// id is theirs, when known.
/// </summary>
public record Actor(string Type, string? Id)
{
    public static readonly Actor System = new("system", null);
}
