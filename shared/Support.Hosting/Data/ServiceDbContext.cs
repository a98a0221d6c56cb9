using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Support.Hosting.Idempotency;
using Support.Hosting.Inbox;
using Support.Hosting.Outbox;

namespace Support.Hosting.Data;

/// <summary>What every service's database has besides its own tables: the outbox, the inbox and the idempotency keys.</summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    /// <summary>Queues an event for publication when this unit of work commits.</summary>
    public void AddEvent(object message, string aggregate, DateTimeOffset now) =>
        Outbox.Add(OutboxMessage.For(message, aggregate, now));

    /// <summary>Deletes the published events about these aggregates, kept for a day otherwise: an erasure leaves no copy here.</summary>
    public Task<int> ForgetPublishedEventsAsync(IReadOnlyCollection<string> aggregates, CancellationToken cancellationToken) =>
        Outbox.Where(m => m.PublishedAt != null && aggregates.Contains(m.Aggregate)).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Statements run after SQLite creates the schema, for what EF's model cannot say (virtual tables, triggers).</summary>
    protected internal virtual IEnumerable<string> SqliteSchemaExtras => [];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.Aggregate).HasMaxLength(100);
            outbox.Property(m => m.CorrelationId).HasMaxLength(128);
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(OutboxMessage.MaxTraceStateLength);
            outbox.HasIndex(m => m.Sequence).HasFilter("\"PublishedAt\" IS NULL").HasDatabaseName("IX_outbox_messages_unpublished");
            outbox.HasIndex(m => new { m.Aggregate, m.Sequence }).HasFilter("\"PublishedAt\" IS NULL").HasDatabaseName("IX_outbox_messages_unpublished_aggregate");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
        });
        modelBuilder.ApplyConfiguration(new IdempotencyKeyConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; stored as binary they sort correctly.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
