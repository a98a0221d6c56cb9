using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Support.Hosting.Data;
using Support.Hosting.Security;
using Support.Identity.Data;

namespace Support.Identity.SigningKeys;

/// <summary>
/// The signing keys, loaded from the database once at start (after the schema is migrated). Rotation happens at a
/// start: when the newest key is older than Identity:SigningKeyLifetime a new one is made and signs from then on;
/// the one it supersedes keeps validating for Identity:SigningKeyRetention, so tokens it signed stay valid until it
/// retires. A service that runs for longer than the lifetime rotates on its next restart.
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, TimeProvider clock) : ISigningKeySource
{
    private IReadOnlyList<RsaSecurityKey>? keys;
    private IReadOnlyList<SymmetricSecurityKey>? encryptionKeys;

    public string Issuer => settings.Value.Issuer ?? "";

    /// <summary>The key that signs: the newest.</summary>
    public RsaSecurityKey Current => Keys[0];

    public IReadOnlyList<SecurityKey> ValidationKeys => Keys;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RsaSecurityKey> Keys =>
        keys ?? throw new InvalidOperationException(NotLoaded);

    /// <summary>The keys OpenIddict encrypts its refresh tokens with (they never leave this service), newest first.</summary>
    public IReadOnlyList<SymmetricSecurityKey> EncryptionKeys => encryptionKeys ?? throw new InvalidOperationException(NotLoaded);

    private const string NotLoaded = "The signing keys are loaded at start, after the schema; the Identity service has not started.";

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var now = clock.Now();
        // Replicas starting together: one makes the new key, the others wait and then read it.
        await using var change = await db.BeginChangeAsync("identity-signing-keys", cancellationToken);
        await db.SigningKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.SigningKeys.ToListAsync(cancellationToken);
        var newest = rows.Where(k => k.ExpiresAt == null).MaxBy(k => k.CreatedAt);
        if (newest is null || newest.CreatedAt + settings.Value.SigningKeyLifetime <= now)
        {
            foreach (var superseded in rows.Where(k => k.ExpiresAt == null))
                superseded.ExpiresAt = now + settings.Value.SigningKeyRetention;
            using var rsa = RSA.Create(2048);
            newest = new SigningKey
            {
                Id = Guid.NewGuid().ToString("N"), CreatedAt = now, PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
                EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            db.SigningKeys.Add(newest);
            rows.Add(newest);
        }
        await change.CommitAsync(cancellationToken);
        var newestFirst = rows.OrderBy(k => k.ExpiresAt != null).ThenByDescending(k => k.CreatedAt).ToList();
        encryptionKeys = newestFirst.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.EncryptionKey)) { KeyId = k.Id }).ToList();
        keys = newestFirst.Select(ToSecurityKey).ToList();
    }

    private static RsaSecurityKey ToSecurityKey(SigningKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(row.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = row.Id };
    }
}

/// <summary>Loads the keys when the host starts, before the first request needs them (and the OpenIddict options with them).</summary>
internal sealed class SigningKeyLoader(SigningKeyRing ring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ring.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
