using System.Net;
using System.Net.Http.Json;
using Support.Identity.Clients;
using Support.Identity.Tests.Infrastructure;

namespace Support.Identity.Tests.Clients;

[Collection(IdentityAppCollection.Name)]
public sealed class ClientsApiTests(DefaultIdentityApp app)
{
    [Fact]
    public async Task An_integration_gets_a_token_with_its_scopes_and_no_role()
    {
        var admin = await app.AdminAsync();
        var clientId = $"crm-{Guid.NewGuid():N}";
        var response = await admin.PostAsJsonAsync("/api/identity/clients", new { clientId, displayName = "CRM", scopes = new[] { "tickets:read", "kb:read" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<CreatedClientResponse>();
        Assert.Equal(["kb:read", "tickets:read"], created.Scopes);

        var client = app.CreateClient();
        var all = await (await client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", created.ClientSecret))).TokensAsync();
        var claims = Auth.Payload(all.GetProperty("access_token").GetString()!);
        Assert.Equal(clientId, claims.GetProperty("sub").GetString());
        Assert.Equal(clientId, claims.GetProperty("client_id").GetString());
        Assert.Equal(["kb:read", "tickets:read"], claims.GetProperty("scope").GetString()!.Split(' ').Order());
        Assert.False(claims.TryGetProperty("role", out _));

        var narrowed = await (await client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", created.ClientSecret),
            ("scope", "kb:read"))).TokensAsync();
        Assert.Equal("kb:read", Auth.Payload(narrowed.GetProperty("access_token").GetString()!).GetProperty("scope").GetString());
        // A scope the client was not granted (OpenIddict calls it invalid_request: the client may not use it).
        Assert.Equal("invalid_request", await (await client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId),
            ("client_secret", created.ClientSecret), ("scope", "analytics:read"))).TokenErrorAsync());
        Assert.Equal("invalid_client", await (await client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "guess"))).TokenErrorAsync());

        var listed = await admin.GetFromJsonAsync<List<ClientResponse>>("/api/identity/clients", IdentityApp.Json);
        Assert.Contains(listed!, c => c.ClientId == clientId && c.ClientType == "confidential");
        Assert.Contains(listed!, c => c.ClientId == "support-app" && c.ClientType == "public");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/identity/clients/{clientId}")).StatusCode);
        Assert.Equal("invalid_client", await (await client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", created.ClientSecret))).TokenErrorAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/identity/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/identity/clients/support-app")).StatusCode);
    }

    [Fact]
    public async Task Bad_clients_are_400s_naming_the_field_and_a_taken_id_is_409()
    {
        var admin = await app.AdminAsync();
        var bad = await admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "has space", displayName = "", scopes = new[] { "kb:read", "root" } });
        Assert.Equal(["clientId", "displayName", "scopes[1]"], (await bad.ProblemFieldsAsync()).Order());

        var taken = await admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "support-app", displayName = "Mine" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }
}
