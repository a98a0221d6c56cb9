using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Identity.SigningKeys;

public sealed class SigningKeyEntityTypeConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> key)
    {
        key.ToTable("signing_keys");
        key.Property(k => k.Id).HasMaxLength(64);
        key.Property(k => k.PrivateKeyPem).HasMaxLength(4000);
        key.Property(k => k.EncryptionKey).HasMaxLength(100);
    }
}
