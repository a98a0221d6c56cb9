using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.EventStore;

/// <summary>The payload is jsonb on PostgreSQL, text on SQLite (AnalyticsDbContext sets that, knowing the provider).</summary>
public sealed class StoredEventEntityTypeConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> e)
    {
        e.ToTable("events");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        e.HasIndex(x => x.MessageId).IsUnique();
        e.Property(x => x.Type).HasMaxLength(100);
        e.Property(x => x.Stream).HasMaxLength(100);
        e.HasIndex(x => x.Stream);
    }
}
