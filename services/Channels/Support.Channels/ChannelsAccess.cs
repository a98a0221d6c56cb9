using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Channels;

/// <summary>
/// Who may call what in Channels: admins configure templates and webhooks; staff read a ticket's channel log; a mail
/// provider forwards inbound email as an integration with the tickets:write scope.
/// </summary>
public static class ChannelsAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("GET", "/api/channels/templates", AdminOnly),
        new("GET", "/api/channels/templates/{id}", AdminOnly),
        new("PATCH", "/api/channels/templates/{id}", AdminOnly),
        new("GET", "/api/channels/tickets/{id}/messages", Staff, TicketsRead),
        new("POST", "/api/channels/email/inbound", AdminOnly, TicketsWrite),
        new("GET", "/api/channels/email/inbound", Staff, TicketsRead),
        new("POST", "/api/channels/webhooks", AdminOnly),
        new("GET", "/api/channels/webhooks", AdminOnly),
        new("GET", "/api/channels/webhooks/{id}", AdminOnly),
        new("PATCH", "/api/channels/webhooks/{id}", AdminOnly),
        new("DELETE", "/api/channels/webhooks/{id}", AdminOnly),
        new("GET", "/api/channels/webhooks/{id}/deliveries", AdminOnly),
        new("POST", "/api/channels/webhooks/{id}/deliveries/{deliveryId}/redeliver", AdminOnly),
        new("POST", "/api/channels/webhooks/{id}/ping", AdminOnly),
    ];
}
