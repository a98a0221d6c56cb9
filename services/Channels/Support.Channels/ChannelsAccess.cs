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
    ];
}
