namespace Support.Identity.Clients;

public record CreateClientRequest(string? ClientId, string? DisplayName, string[]? Scopes);

public record ClientResponse(string ClientId, string? DisplayName, string ClientType, IReadOnlyList<string> Scopes);

/// <summary>A new integration client with its secret, shown this once (only its hash is kept).</summary>
public record CreatedClientResponse(string ClientId, string? DisplayName, string ClientType, IReadOnlyList<string> Scopes, string ClientSecret);
