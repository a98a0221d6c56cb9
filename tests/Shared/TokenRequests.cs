using System.Text.Json;

namespace Support.Testing;

/// <summary>The token endpoint's grants as the front ends (the public client support-app) and integrations use them.</summary>
public static class TokenRequests
{
    public static FormUrlEncodedContent Password(string email, string password, bool offline = false) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "support-app", ["username"] = email, ["password"] = password,
        ["scope"] = offline ? "offline_access" : "",
    }.Where(f => f.Value.Length > 0));

    public static FormUrlEncodedContent ClientCredentials(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
    });

    /// <summary>The access token and its lifetime in seconds; a refusal throws, naming the status and the answer.</summary>
    public static async Task<(string AccessToken, int ExpiresIn)> RequestAsync(HttpClient http, FormUrlEncodedContent grant, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("/connect/token", grant, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access_token").GetString()!, json.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 900);
    }
}
