using Support.Hosting.Data;

namespace Support.Channels.Webhooks;

/// <summary>An integrator's subscription: the events it wants POSTed to its URL, each signed with its secret.</summary>
public class Webhook : IVersioned
{
    public const int UrlMaxLength = 2048;
    public const int SecretMinLength = 16;
    public const int SecretMaxLength = 200;
    public const int MaxEvents = 100;
    public const string AllEvents = "*";

    public int Id { get; set; }
    public string Url { get; set; } = "";

    /// <summary>Names of published events ("TicketCreated"), or "*" for every one.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>The key of the deliveries' HMAC signatures, kept as given since every delivery is signed with it.</summary>
    public string Secret { get; set; } = "";

    public bool Active { get; set; }

    /// <summary>An admin's leave to reach loopback, private and link-local addresses (a receiver on the intranet).</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>Since when attempts have failed with no success in between; failing for <see cref="WebhookOptions.DisableAfter"/> disables it.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
