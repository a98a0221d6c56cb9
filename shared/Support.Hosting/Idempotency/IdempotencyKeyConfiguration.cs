using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Hosting.Idempotency;

public sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> key)
    {
        key.ToTable("idempotency_keys");
        key.HasKey(k => new { k.Scope, k.Key });
        key.Property(k => k.Scope).HasMaxLength(IdempotencyKey.ScopeMaxLength);
        key.Property(k => k.Key).HasMaxLength(IdempotencyKey.KeyMaxLength);
        key.Property(k => k.RequestHash).HasMaxLength(64);
        key.Property(k => k.LockToken).IsConcurrencyToken();
        key.Property(k => k.Location).HasMaxLength(2000);
        key.Property(k => k.ETag).HasMaxLength(200);
        key.Property(k => k.ContentType).HasMaxLength(200);
        key.HasIndex(k => k.CreatedAt);
    }
}
