using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Support.Identity.PersonalData;

/// <summary>What one service answered for a customer's personal data: its document, or why there is none.</summary>
public sealed record SourceAnswer(string Service, HttpStatusCode Status, JsonElement? Data);

/// <summary>
/// The personal-data endpoints of the services that hold a customer's data, called with the admin's own token, so
/// each service applies its own access rules. Routing holds only copies of the Ticket service's texts: not asked.
/// </summary>
public sealed class PersonalDataSources(HttpClient http, IOptions<PersonalDataOptions> options, IOptions<IdentitySettings> identity)
{
    public const string Ticket = "Ticket";
    public const string KnowledgeBase = "KnowledgeBase";
    public const string Analytics = "Analytics";

    /// <summary>Every service that erases a customer's data and confirms it.</summary>
    public static readonly IReadOnlyList<string> ErasingServices = ["Identity", Ticket, "Routing", KnowledgeBase, Analytics, "Channels"];

    private static readonly Dictionary<string, string> Paths = new()
    {
        [Ticket] = "api/customers/{0}/personal-data",
        [KnowledgeBase] = "api/kb/customers/{0}/personal-data",
        [Analytics] = "api/analytics/customers/{0}/personal-data",
    };

    public async Task<SourceAnswer> GetAsync(string service, int customerId, HttpRequest caller, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress(caller), string.Format(Paths[service], customerId)));
        if (AuthenticationHeaderValue.TryParse(caller.Headers.Authorization, out var authorization))
            request.Headers.Authorization = authorization;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return new SourceAnswer(service, response.StatusCode, null);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return new SourceAnswer(service, response.StatusCode, (await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token)).RootElement.Clone());
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new SourceAnswer(service, HttpStatusCode.ServiceUnavailable, null);
        }
    }

    private Uri BaseAddress(HttpRequest caller)
    {
        var configured = options.Value.ApiUrl ?? identity.Value.Issuer ?? $"{caller.Scheme}://{caller.Host}{caller.PathBase}";
        return new Uri(configured.EndsWith('/') ? configured : configured + "/");
    }
}
