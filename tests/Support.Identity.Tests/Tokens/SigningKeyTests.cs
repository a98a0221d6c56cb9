using System.Net.Http.Json;
using Support.Identity.Tests.Infrastructure;
using Support.Identity.Users;

namespace Support.Identity.Tests.Tokens;

public sealed class SigningKeyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keys_are_kept_so_a_token_outlives_a_restart(bool sqlite)
    {
        await using var servers = await ServiceServers.CreateAsync("identity", sqlite);
        string token, kid;
        await using (var first = new IdentityApp(sqlite: sqlite, shared: servers))
        {
            await first.InitializeAsync();
            token = await first.CreateClient().AccessTokenAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword);
            kid = Auth.Header(token).GetProperty("kid").GetString()!;
        }

        await using var second = new IdentityApp(sqlite: sqlite, shared: servers);
        await second.InitializeAsync();
        var client = second.CreateClient();
        var jwks = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/jwks");
        Assert.Equal([kid], jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        var me = await client.WithToken(token).GetFromJsonAsync<UserResponse>("/api/identity/me", IdentityApp.Json);
        Assert.Equal(IdentityApp.AdminEmail, me!.Email);
        Assert.Equal(kid, Auth.Header(await second.CreateClient().AccessTokenAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword)).GetProperty("kid").GetString());
        Assert.Equal(1, await second.CountAsync("signing_keys"));
    }
}
