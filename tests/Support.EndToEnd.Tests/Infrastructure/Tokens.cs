using System.Net.Http.Json;
using System.Text.Json;
using Support.Hosting.Security;
using Support.Testing;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>Tokens from Identity through the gateway, as a front-end app and an integration get them.</summary>
public static class Tokens
{
    /// <summary>The password grant of the built-in public client support-app.</summary>
    public static async Task<string> PasswordAsync(Uri gateway, string email, string password)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        return (await TokenRequests.RequestAsync(client, TokenRequests.Password(email, password))).AccessToken;
    }

    /// <summary>Makes an integration client with every scope (as the admin) and returns its client-credentials token.</summary>
    public static async Task<string> IntegrationAsync(Uri gateway, string adminToken, string clientId)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        var created = await client.PostAsJsonAsync("/api/identity/clients", new { clientId, displayName = clientId, scopes = SupportScopes.All });
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating the integration {clientId} gave {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        return (await TokenRequests.RequestAsync(client, TokenRequests.ClientCredentials(clientId, secret))).AccessToken;
    }
}
