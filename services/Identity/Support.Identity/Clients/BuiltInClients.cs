using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Support.Identity.Clients;

/// <summary>
/// The public client every install has: the front-end apps sign users in with it (password grant, no secret) and
/// keep them signed in with refresh tokens (scope offline_access). Created at start when missing.
/// </summary>
internal sealed class BuiltInClients(IServiceScopeFactory scopes, ILogger<BuiltInClients> logger) : IHostedService
{
    public const string SupportApp = "support-app";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(SupportApp, cancellationToken) is not null)
            return;
        try
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = SupportApp,
                ClientType = ClientTypes.Public,
                DisplayName = "Support apps",
                Permissions =
                {
                    Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken,
                },
            }, cancellationToken);
            logger.LogInformation("Created the built-in client {ClientId}", SupportApp);
        }
        catch (Exception ex) when (ClientsApi.IsTaken(ex))
        {
            // Another replica created it at the same time.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
