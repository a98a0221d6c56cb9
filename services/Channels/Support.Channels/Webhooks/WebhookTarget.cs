using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Support.Hosting.Http;

namespace Support.Channels.Webhooks;

/// <summary>
/// Where a webhook may POST (SSRF): http or https, to public addresses only unless an admin allows private networks.
/// Checked when a URL is set, and again on every connection (DNS can change): the public client connects only after
/// resolving the host and finding no private address among its answers.
/// </summary>
public static class WebhookTarget
{
    private static readonly IPNetwork[] PrivateNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local, cloud metadata (169.254.169.254)
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, broadcast
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return PrivateNetworks.Any(network => network.Contains(address));
    }

    /// <summary>The URL when it is an absolute http(s) URL with a host; else null, with the error under "url".</summary>
    public static Uri? Parse(string? url, ValidationErrors errors)
    {
        errors.Required("url", url, Webhook.UrlMaxLength);
        if (string.IsNullOrWhiteSpace(url) || url.Length > Webhook.UrlMaxLength)
            return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            errors.Add("url", "'url' must be an absolute http or https URL.");
            return null;
        }
        if (uri.UserInfo.Length > 0)
        {
            errors.Add("url", "'url' must not carry a user name or password: the signature authenticates the sender.");
            return null;
        }
        return uri;
    }

    /// <summary>Why the URL's host may not be reached without leave for private networks (it resolves to such an address), or null.</summary>
    public static async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"'url' names a host that does not resolve ({url.IdnHost}).";
        }
        return addresses.FirstOrDefault(IsPrivate) is { } address
            ? $"'url' resolves to a private, loopback or link-local address ({address}); an admin may allow it with allowPrivateNetwork."
            : null;
    }

    /// <summary>The public client's connection: to the host's addresses when none of them is private, else refused.</summary>
    public static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (addresses.FirstOrDefault(IsPrivate) is { } address)
            throw new WebhookTargetRefusedException($"refused: {host} resolves to a private, loopback or link-local address ({address})");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A connection the public client would not open: the target resolved to a private address.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
