using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Security;
using Support.Identity.Data;

namespace Support.Identity.Users;

/// <summary>
/// A new install's first admin, made at start when there is no admin: from Identity:BootstrapAdmin, or
/// admin@localhost with a generated password that is logged once. Replicas starting together race for one email;
/// the unique index lets one win.
/// </summary>
internal sealed class BootstrapAdmin(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, TimeProvider clock, ILogger<BootstrapAdmin> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await db.Users.AnyAsync(u => u.Role == SupportRoles.Admin, cancellationToken))
            return;

        var configured = settings.Value.BootstrapAdmin;
        var password = string.IsNullOrEmpty(configured.Password) ? WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18)) : configured.Password;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var admin = UserDirectory.New(configured.Email, "Admin", SupportRoles.Admin, null, null, clock.Now());
        var errors = new Hosting.Http.ValidationErrors();
        await UserDirectory.ValidatePasswordAsync(users, admin, password, errors);
        if (errors.Any)
            throw new InvalidOperationException($"Identity:BootstrapAdmin:Password is refused: {string.Join(" ", errors.ToDictionary()["password"])}");
        if (await UserDirectory.CreateAsync(users, db, admin, password, cancellationToken) == UserDirectory.Outcome.Duplicate)
            return; // another replica made it
        if (string.IsNullOrEmpty(configured.Password))
            logger.LogWarning("Created the first admin {Email} with password {Password} — change it", admin.Email, password);
        else
            logger.LogInformation("Created the first admin {Email} from Identity:BootstrapAdmin", admin.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
