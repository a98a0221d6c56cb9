using Support.Contracts;
using Support.Hosting.Http;

namespace Support.Channels.Webhooks;

/// <summary>The rules of what a webhook subscribes to and signs with, shared by its creation and its changes.</summary>
public static class WebhookSubscription
{
    public static void ValidateEvents(IReadOnlyCollection<string?>? events, ValidationErrors errors)
    {
        if (events is null || events.Count == 0)
            errors.Add("events", $"'events' must name at least one published event, or \"{Webhook.AllEvents}\" for all.");
        else if (events.Count > Webhook.MaxEvents)
            errors.Add("events", $"'events' may name at most {Webhook.MaxEvents} events.");
        else
            foreach (var name in events.Where(e => e != Webhook.AllEvents && (e is null || PublishedEvents.Named(e) is null)))
                errors.Add("events", $"'{name}' is not a published event; they are: {string.Join(", ", PublishedEvents.Types.Select(t => t.Name))}.");
    }

    public static List<string> Normalize(IEnumerable<string?> events) => events.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    public static void ValidateSecret(string? secret, ValidationErrors errors)
    {
        if (secret is null)
            return;
        if (secret.Length < Webhook.SecretMinLength || secret.Length > Webhook.SecretMaxLength)
            errors.Add("secret", $"'secret' must be {Webhook.SecretMinLength} to {Webhook.SecretMaxLength} characters (none: one is made for you).");
        else if (secret.Any(char.IsWhiteSpace))
            errors.Add("secret", "'secret' must not contain white space.");
    }

    /// <summary>Refuses (under "url") a target on a private network unless allowed; resolves the host to know.</summary>
    public static async Task CheckTargetAsync(Uri url, bool allowPrivateNetwork, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (!allowPrivateNetwork && await WebhookTarget.RefusalAsync(url, cancellationToken) is { } refusal)
            errors.Add("url", refusal);
    }
}
