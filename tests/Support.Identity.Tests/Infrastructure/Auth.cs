using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Identity.Users;
using Support.Testing;

namespace Support.Identity.Tests.Infrastructure;

/// <summary>The token endpoint and the admin calls most tests make.</summary>
public static class Auth
{
    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public const string Password = "a long enough password";

    public static Task<HttpResponseMessage> TokenAsync(this HttpClient client, params (string Name, string Value)[] form) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public static Task<HttpResponseMessage> PasswordGrantAsync(this HttpClient client, string email, string password) =>
        client.PostAsync("/connect/token", TokenRequests.Password(email, password, offline: true));

    /// <summary>A token response, asserting it is one.</summary>
    public static async Task<JsonElement> TokensAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<string> AccessTokenAsync(this HttpClient client, string email, string password) =>
        (await (await client.PasswordGrantAsync(email, password)).TokensAsync()).GetProperty("access_token").GetString()!;

    /// <summary>The OAuth error of a refused token request (asserting it is 400, or 401 for a client that failed to authenticate).</summary>
    public static async Task<string> TokenErrorAsync(this HttpResponseMessage response)
    {
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    public static async Task<HttpClient> AdminAsync(this IdentityApp app) =>
        app.CreateClient().WithToken(await app.CreateClient().AccessTokenAsync(IdentityApp.AdminEmail, IdentityApp.AdminPassword));

    public static async Task<UserResponse> CreateUserAsync(this HttpClient admin, string role = "agent", string? email = null, int? agentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/identity/users",
            new { email = email ?? NewEmail(), password = Password, name = "Ann Example", role, agentId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<UserResponse>();
    }

    /// <summary>The claims of a JWT's payload, unvalidated.</summary>
    public static JsonElement Payload(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index) =>
        JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(jwt.Split('.')[index])).RootElement;
}
