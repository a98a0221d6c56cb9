namespace Support.Hosting.Security;

/// <summary>
/// What an access token says about its holder: the claims Identity puts in every access token (an external provider's
/// claims are mapped onto these by configuration) and the roles and scopes the services' rule tables speak of.
/// </summary>
public static class SupportClaims
{
    /// <summary>The audience every Support access token is issued for.</summary>
    public const string Audience = "support-api";

    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Email = "email";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    /// <summary>The Routing agent record an agent or admin user is linked to.</summary>
    public const string AgentId = "agent_id";
    /// <summary>The Ticket customer record a customer user is linked to.</summary>
    public const string CustomerId = "customer_id";
}

public static class SupportRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Admin, Agent, Customer];
}

/// <summary>The scopes an integration (an OAuth client with client credentials) can be granted.</summary>
public static class SupportScopes
{
    public const string TicketsRead = "tickets:read";
    public const string TicketsWrite = "tickets:write";
    public const string KbRead = "kb:read";
    public const string KbWrite = "kb:write";
    public const string RoutingRead = "routing:read";
    public const string RoutingWrite = "routing:write";
    public const string AnalyticsRead = "analytics:read";
    /// <summary>Rebuilding the read models (an operations task).</summary>
    public const string AnalyticsWrite = "analytics:write";

    public static readonly IReadOnlyList<string> All = [TicketsRead, TicketsWrite, KbRead, KbWrite, RoutingRead, RoutingWrite, AnalyticsRead, AnalyticsWrite];
}
