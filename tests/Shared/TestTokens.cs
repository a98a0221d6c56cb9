using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Support.Hosting.Security;

namespace Support.Testing;

/// <summary>
/// Access tokens for a service under test, signed with a key of the test run's own that the service trusts as if
/// Identity had issued them (registered as its signing-key source), so a service's tests need no Identity service.
/// Identity's own tests and the end-to-end tests use real tokens from Identity.
/// </summary>
public sealed class TestTokens : ISigningKeySource
{
    public static TestTokens Keys { get; } = new();

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public string Issuer => "https://identity.tests.support.local/";

    public IReadOnlyList<SecurityKey> ValidationKeys => [key];

    /// <summary>The integration a test client is when it names no actor: an OAuth client with every scope.</summary>
    public const string TestClient = "tests";

    /// <summary>
    /// A token for the actor a test names: "agent:7", "customer:42" (linked to that record), "customer" (not linked
    /// yet), "admin" (not linked to an agent record); none: the <see cref="TestClient"/> integration with every scope.
    /// </summary>
    public string For(string? actor)
    {
        if (actor is null)
            return ForClient(TestClient, [.. SupportScopes.All]);
        var parts = actor.Split(':', 2);
        var (role, id) = (parts[0], parts.Length > 1 ? parts[1] : null);
        var claims = new Dictionary<string, object>
        {
            [SupportClaims.Role] = role, [SupportClaims.Subject] = $"{role}-{id ?? "user"}", [SupportClaims.Email] = $"{role}-{id ?? "user"}@tests.example.com",
        };
        switch (role)
        {
            case SupportRoles.Agent when id is not null:
                claims[SupportClaims.AgentId] = id;
                break;
            case SupportRoles.Customer when id is not null:
                claims[SupportClaims.CustomerId] = id;
                break;
            case SupportRoles.Admin or SupportRoles.Agent or SupportRoles.Customer:
                break;
            default:
                throw new ArgumentException($"No test token for actor '{actor}'.", nameof(actor));
        }
        return Create(claims);
    }

    /// <summary>A token for a customer user linked to their customer record.</summary>
    public string ForCustomer(int customerId, string email) => Create(new Dictionary<string, object>
    {
        [SupportClaims.Role] = SupportRoles.Customer, [SupportClaims.Subject] = $"customer-{customerId}",
        [SupportClaims.CustomerId] = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), [SupportClaims.Email] = email,
    });

    /// <summary>A token for an integration: an OAuth client with these scopes and no user behind it.</summary>
    public string ForClient(string clientId, params string[] scopes) =>
        Create(new Dictionary<string, object> { [SupportClaims.Subject] = clientId, [SupportClaims.ClientId] = clientId, [SupportClaims.Scope] = string.Join(' ', scopes) });

    public string Create(Dictionary<string, object> claims, DateTime? expires = null, SecurityKey? signedWith = null, string? audience = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? SupportClaims.Audience,
            Claims = claims,
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(15)).AddMinutes(-15),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(15)).AddMinutes(-15),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(15),
            SigningCredentials = new SigningCredentials(signedWith ?? key, SecurityAlgorithms.RsaSha256),
        });
}

public static class TestTokenExtensions
{
    /// <summary>The service trusts the test run's token key, unless it runs Identity itself (whose keys then sign real tokens).</summary>
    public static IWebHostBuilder TrustTestTokens(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.TryAddSingleton<ISigningKeySource>(TestTokens.Keys));

    /// <summary>The client sends a token for the actor (<see cref="TestTokens.For"/>) with every request.</summary>
    public static HttpClient SignedIn(this HttpClient client, string? actor = null) => client.WithToken(TestTokens.Keys.For(actor));

    public static HttpClient WithToken(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
