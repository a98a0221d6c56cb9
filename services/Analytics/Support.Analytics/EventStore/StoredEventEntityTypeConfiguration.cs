using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.EventStore;

/// <param name="jsonbPayload">PostgreSQL stores the payload as jsonb; SQLite as text.</param>
public sealed class StoredEventEntityTypeConfiguration(bool jsonbPayload) : IEntityTypeConfiguration<StoredEvent>
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
        if (jsonbPayload)
            e.Property(x => x.Payload).HasColumnType("jsonb");
    }
}
