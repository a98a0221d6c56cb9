namespace Support.Contracts;

/// <summary>
/// Who caused a change: type is "agent", "customer", "admin" (a user not linked to an agent record), "integration"
/// (an OAuth client; id is its client id) or "system" (a service's own decision); id is theirs, when known.
/// </summary>
public record Actor(string Type, string? Id)
{
    public static readonly Actor System = new("system", null);
}
