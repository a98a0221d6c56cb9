using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Hosting.Security;
using Support.Testing;

namespace Support.Benchmarks;

/// <summary>
/// Signs the benchmarks' requests as an integration with every scope: on first use it signs in as the first admin
/// (SUPPORT_ADMIN_EMAIL, admin@localhost; SUPPORT_ADMIN_PASSWORD or the topology's run-folder admin-password), makes an
/// OAuth client, and from then on sends its client-credentials token, fetched again before it expires.
/// </summary>
public static class GatewayToken
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string Id, string Secret)? client;
    private static (string Token, DateTimeOffset Renew)? current;

    /// <summary>Wraps a handler so every request carries the token.</summary>
    public static HttpMessageHandler Around(HttpMessageHandler inner, Uri gateway) => new Signing(inner, gateway);

    private static async Task<string> TokenAsync(Uri gateway, CancellationToken cancellationToken)
    {
        if (current is { } valid && valid.Renew > DateTimeOffset.UtcNow)
            return valid.Token;
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && again.Renew > DateTimeOffset.UtcNow)
                return again.Token;
            using var http = new HttpClient { BaseAddress = gateway };
            client ??= await CreateClientAsync(http, cancellationToken);
            var (token, expiresIn) = await TokenRequests.RequestAsync(http, TokenRequests.ClientCredentials(client.Value.Id, client.Value.Secret), cancellationToken);
            current = (token, DateTimeOffset.UtcNow.AddSeconds(expiresIn * 0.8));
            return token;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The first admin's own token, for what only admins may do (webhooks).</summary>
    public static async Task<string> AdminAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var email = Environment.GetEnvironmentVariable("SUPPORT_ADMIN_EMAIL") ?? "admin@localhost";
        var passwordFile = Path.Combine(Environment.GetEnvironmentVariable("SUPPORT_RUN_DIR") ?? ".run", "admin-password");
        var password = Environment.GetEnvironmentVariable("SUPPORT_ADMIN_PASSWORD")
            ?? (File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim()
                : throw new InvalidOperationException($"Set SUPPORT_ADMIN_PASSWORD (the first admin's password); {passwordFile} does not exist."));
        return (await TokenRequests.RequestAsync(http, TokenRequests.Password(email, password), cancellationToken)).AccessToken;
    }

    private static async Task<(string Id, string Secret)> CreateClientAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var admin = await AdminAsync(http, cancellationToken);
        var id = $"benchmarks-{Guid.NewGuid():N}"[..24];
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/identity/clients")
        {
            Content = JsonContent.Create(new { clientId = id, displayName = "Benchmarks", scopes = SupportScopes.All }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var created = await http.SendAsync(create, cancellationToken);
        var body = await created.Content.ReadAsStringAsync(cancellationToken);
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating the benchmarks' OAuth client gave {(int)created.StatusCode}: {body}");
        return (id, JsonDocument.Parse(body).RootElement.GetProperty("clientSecret").GetString()!);
    }

    private sealed class Signing(HttpMessageHandler inner, Uri gateway) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.StartsWith("/health", StringComparison.Ordinal) != true)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(gateway, cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
