using System.Security.Cryptography;
using System.Text;

namespace Support.Channels.Webhooks;

/// <summary>
/// The <c>Support-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c> header, as Stripe signs:
/// the receiver recomputes it over the raw body and refuses an old timestamp (a replay).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Support-Signature";
    public const string WebhookIdHeader = "Support-Webhook-Id";
    public const string DeliveryIdHeader = "Support-Delivery-Id";
    public const string EventTypeHeader = "Support-Event-Type";

    public static string HeaderValue(string secret, DateTimeOffset now, string body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        return $"t={timestamp},v1={Compute(secret, timestamp, body)}";
    }

    public static string Compute(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>A secret for a webhook created without one: 32 random bytes, hex, after Stripe's "whsec_".</summary>
    public static string NewSecret() => $"whsec_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
}
