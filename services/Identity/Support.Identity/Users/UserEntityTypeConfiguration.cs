using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Http;

namespace Support.Identity.Users;

public sealed class UserEntityTypeConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength);
        user.Property(u => u.NormalizedEmail).HasMaxLength(EmailAddress.MaxLength);
        user.Property(u => u.UserName).HasMaxLength(EmailAddress.MaxLength);
        user.Property(u => u.NormalizedUserName).HasMaxLength(EmailAddress.MaxLength);
        user.Property(u => u.Name).HasMaxLength(User.NameMaxLength);
        user.Property(u => u.Role).HasMaxLength(20);
        user.Property(u => u.PasswordHash).HasMaxLength(200);
        user.Property(u => u.SecurityStamp).HasMaxLength(100);
        user.Property(u => u.ConcurrencyStamp).HasMaxLength(100);
        user.Property(u => u.PhoneNumber).HasMaxLength(50);
        user.Property(u => u.Version).IsConcurrencyToken();
        // Two replicas creating the first admin, or two sign-ups with one email: the second insert fails here.
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        user.HasIndex(u => u.NormalizedUserName).IsUnique();
        user.HasIndex(u => u.Role);
    }
}
