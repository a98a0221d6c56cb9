using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Support.Hosting.Data;
using Support.Identity.PersonalData;
using Support.Identity.SigningKeys;
using Support.Identity.Users;

namespace Support.Identity.Data;

/// <summary>Users (ASP.NET Core Identity's user store, one role per user), OpenIddict's clients and tokens, the signing keys, and the personal-data requests.</summary>
public class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ServiceDbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<PersonalDataRequest> PersonalDataRequests => Set<PersonalDataRequest>();
    public DbSet<ErasureConfirmation> ErasureConfirmations => Set<ErasureConfirmation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}
