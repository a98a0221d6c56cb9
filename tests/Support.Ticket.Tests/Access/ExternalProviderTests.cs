using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Access;

/// <summary>
/// An external OpenID Connect provider accepted by configuration beside Identity: its tokens, found by their issuer,
/// are checked against its discovery document and keys (served over HTTP here, as Keycloak would), and its claims
/// mapped onto Support's.
/// </summary>
public sealed class ExternalProviderTests : IAsyncLifetime
{
    private const string Audience = "support-external";
    private readonly RsaSecurityKey providerKey = new(RSA.Create(2048)) { KeyId = "external-key" };
    private WebApplication provider = null!;
    private Uri issuer = null!;
    private ExternalTicketApp app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider = builder.Build();
        provider.MapGet("/realms/acme/.well-known/openid-configuration", (HttpRequest request) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.AbsoluteUri, ["jwks_uri"] = new Uri(issuer, "protocol/openid-connect/certs").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        provider.MapGet("/realms/acme/protocol/openid-connect/certs", () =>
            Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(providerKey.Rsa.ExportParameters(false)) { KeyId = providerKey.KeyId }) } }));
        await provider.StartAsync();
        issuer = new Uri(new Uri(provider.Urls.Single()), "/realms/acme/");
        app = new ExternalTicketApp(issuer);
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Its_agent_works_tickets_as_the_agent_its_claims_name_and_its_customer_is_refused_the_agents_list()
    {
        using var agent = app.ClientWithToken(Token(new() { ["sub"] = "kc-user-1", ["roles"] = "agent", ["support_agent_id"] = "7" }));
        var ticket = await (await agent.PostAsJsonAsync("/api/tickets", new { subject = "Via Keycloak", description = "Hi.", requester = new { email = Api.NewEmail() } }))
            .ReadAsync<TicketResponse>();
        var comment = await agent.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "On it.", @public = true });

        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        Assert.Equal(new CommentAuthor(AuthorType.Agent, "7"), (await comment.ReadAsync<CommentResponse>()).Author);
        using var customer = app.ClientWithToken(Token(new() { ["sub"] = "kc-user-2", ["roles"] = "customer" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task Its_token_for_another_audience_or_signed_with_another_key_is_401_and_Identitys_tokens_still_work()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "kc-user-1", ["roles"] = "agent" };
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(Token(claims)).GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithToken(Token(claims, audience: "another-api")).GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.ClientWithToken(Token(claims, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "external-key" })).GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client("agent:7").GetAsync("/api/tickets")).StatusCode);
    }

    private string Token(Dictionary<string, object> claims, string audience = Audience, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.AbsoluteUri, Audience = audience, Claims = claims, Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key ?? providerKey, SecurityAlgorithms.RsaSha256),
        });

    private sealed class ExternalTicketApp(Uri issuer) : ServiceApp<Program>("Ticket")
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Authentication:External:Authority", issuer.AbsoluteUri);
            builder.UseSetting("Authentication:External:Audience", Audience);
            builder.UseSetting("Authentication:External:ClaimMap:role", "roles");
            builder.UseSetting("Authentication:External:ClaimMap:agent_id", "support_agent_id");
        }
    }
}
