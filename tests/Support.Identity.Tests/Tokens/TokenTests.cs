using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Support.Identity.Tests.Infrastructure;
using Support.Identity.Users;

namespace Support.Identity.Tests.Tokens;

[Collection(IdentityAppCollection.Name)]
public sealed class TokenTests(DefaultIdentityApp app)
{
    [Fact]
    public async Task The_configured_first_admin_gets_a_signed_token_that_opens_me()
    {
        var client = app.CreateClient();
        var token = await client.AccessTokenAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword);

        Assert.Equal(3, token.Split('.').Length);
        var header = Auth.Header(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var claims = Auth.Payload(token);
        Assert.Equal("admin", claims.GetProperty("role").GetString());
        Assert.Equal(IdentityApp.AdminEmail, claims.GetProperty("email").GetString());
        Assert.Equal("Admin", claims.GetProperty("name").GetString());
        Assert.Equal("support-app", claims.GetProperty("client_id").GetString());
        Assert.Contains("support-api", Audiences(claims));

        var me = await client.WithToken(token).GetFromJsonAsync<UserResponse>("/api/identity/me", IdentityApp.Json);
        Assert.Equal(IdentityApp.AdminEmail, me!.Email);
        Assert.Equal(me.Id.ToString(), claims.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task The_token_validates_against_the_published_keys()
    {
        var client = app.CreateClient();
        var token = await client.AccessTokenAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword);
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var jwks = new JsonWebKeySet(await client.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));

        Assert.Contains(Auth.Header(token).GetProperty("kid").GetString(), jwks.Keys.Select(k => k.Kid));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = "support-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_successor_works()
    {
        var client = app.CreateClient();
        var first = await (await client.PasswordGrantAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword)).TokensAsync();
        var oldRefresh = first.GetProperty("refresh_token").GetString()!;

        var second = await (await client.TokenAsync(("grant_type", "refresh_token"), ("client_id", "support-app"), ("refresh_token", oldRefresh))).TokensAsync();
        var newRefresh = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.Equal("admin", Auth.Payload(second.GetProperty("access_token").GetString()!).GetProperty("role").GetString());

        var reused = await client.TokenAsync(("grant_type", "refresh_token"), ("client_id", "support-app"), ("refresh_token", oldRefresh));
        Assert.Equal("invalid_grant", await reused.TokenErrorAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal("invalid_grant", await (await client.PasswordGrantAsync(user.Email, "wrong password!")).TokenErrorAsync());

        Assert.Equal("invalid_grant", await (await client.PasswordGrantAsync(user.Email, Auth.Password)).TokenErrorAsync());
        var locked = await admin.GetFromJsonAsync<UserResponse>($"/api/identity/users/{user.Id}", IdentityApp.Json);
        Assert.NotNull(locked!.LockedOutUntil);

        // An admin's new password lifts the lockout.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/identity/users/{user.Id}/password", new { password = "another long password" })).StatusCode);
        await (await client.PasswordGrantAsync(user.Email, "another long password")).TokensAsync();
    }

    [Fact]
    public async Task A_disabled_user_gets_no_token_and_their_refresh_token_dies()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync();
        var client = app.CreateClient();
        var tokens = await (await client.PasswordGrantAsync(user.Email, Auth.Password)).TokensAsync();

        var patch = await admin.PatchAsync($"/api/identity/users/{user.Id}", JsonContent.Create(new { disabled = true }));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.True((await patch.ReadAsync<UserResponse>()).Disabled);

        Assert.Equal("invalid_grant", await (await client.PasswordGrantAsync(user.Email, Auth.Password)).TokenErrorAsync());
        var refresh = await client.TokenAsync(("grant_type", "refresh_token"), ("client_id", "support-app"),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!));
        Assert.Equal("invalid_grant", await refresh.TokenErrorAsync());
    }

    [Fact]
    public async Task An_agent_token_carries_the_agent_link()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync(role: "agent", agentId: 17);
        var claims = Auth.Payload(await app.CreateClient().AccessTokenAsync(user.Email, Auth.Password));
        Assert.Equal("agent", claims.GetProperty("role").GetString());
        Assert.Equal("17", claims.GetProperty("agent_id").ToString());
        Assert.False(claims.TryGetProperty("customer_id", out _));
    }

    [Fact]
    public async Task Without_a_token_401_and_a_customer_is_forbidden_the_admin_api()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/identity/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/identity/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().WithToken("not.a.token").GetAsync("/api/identity/me")).StatusCode);

        var admin = await app.AdminAsync();
        var customer = await admin.CreateUserAsync(role: "customer");
        var client = app.CreateClient().WithToken(await app.CreateClient().AccessTokenAsync(customer.Email, Auth.Password));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identity/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/identity/clients", new { clientId = "x", displayName = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/identity/me")).StatusCode);
    }

    [Fact]
    public async Task Self_registration_is_refused_when_turned_off()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/identity/register", new { email = Auth.NewEmail(), password = Auth.Password, name = "Bo" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task Unknown_users_and_clients_get_oauth_errors_not_500s()
    {
        var client = app.CreateClient();
        Assert.Equal("invalid_grant", await (await client.PasswordGrantAsync(Auth.NewEmail(), "whatever at all")).TokenErrorAsync());
        Assert.Equal("invalid_client", await (await client.TokenAsync(("grant_type", "password"), ("client_id", "nobody"),
            ("username", "a@b.c"), ("password", "x"))).TokenErrorAsync());
        Assert.Equal("unsupported_grant_type", await (await client.TokenAsync(("grant_type", "magic"), ("client_id", "support-app"))).TokenErrorAsync());
    }

    private static IEnumerable<string?> Audiences(JsonElement claims) => claims.GetProperty("aud") is { ValueKind: JsonValueKind.Array } array
        ? array.EnumerateArray().Select(a => a.GetString())
        : [claims.GetProperty("aud").GetString()];
}
