using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Analytics.Customers;
using Support.Analytics.EventStore;
using Support.Analytics.KnowledgeBase;
using Support.Analytics.Tickets;
using Support.Hosting.Data;

namespace Support.Analytics.Data;

/// <summary>The event store (append-only) and the read models built from it; only the read models are ever deleted (on rebuild).</summary>
public class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<TicketMetrics> TicketMetrics => Set<TicketMetrics>();
    public DbSet<UnsolvedSpan> UnsolvedSpans => Set<UnsolvedSpan>();
    public DbSet<CommentSentiment> CommentSentiments => Set<CommentSentiment>();
    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();
    public DbSet<CustomerStatusSpan> CustomerStatusSpans => Set<CustomerStatusSpan>();
    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.MessageId).IsUnique();
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.Stream).HasMaxLength(100);
            e.HasIndex(x => x.Stream);
            if (Database.IsNpgsql())
                e.Property(x => x.Payload).HasColumnType("jsonb");
        });

        modelBuilder.Entity<TicketMetrics>(t =>
        {
            t.ToTable("ticket_metrics");
            t.HasKey(x => x.TicketId);
            t.Property(x => x.TicketId).ValueGeneratedNever();
            t.Property(x => x.Channel).HasMaxLength(20);
            t.Property(x => x.Priority).HasMaxLength(20);
            t.Property(x => x.Type).HasMaxLength(20);
            t.Property(x => x.Category).HasMaxLength(100);
            t.Property(x => x.Status).HasMaxLength(20);
            t.Property(x => x.Satisfaction).HasMaxLength(10);
            t.HasIndex(x => x.CreatedAt);
            t.HasIndex(x => x.SolvedAt);
            t.HasIndex(x => x.FirstReplyAt);
            t.HasIndex(x => x.RatedAt);
            t.HasIndex(x => x.RequesterId);
            t.HasIndex(x => new { x.AssigneeId, x.Status });
        });

        modelBuilder.Entity<UnsolvedSpan>(s =>
        {
            s.ToTable("ticket_unsolved_spans");
            s.HasKey(x => new { x.TicketId, x.From });
            s.ComplexProperty(x => x.Ticket, TicketAttributesColumns);
            s.HasIndex(x => x.To);
        });

        modelBuilder.Entity<CommentSentiment>(s =>
        {
            s.ToTable("comment_sentiments");
            s.HasKey(x => new { x.TicketId, x.CommentId });
            s.ComplexProperty(x => x.Ticket, TicketAttributesColumns);
            s.HasIndex(x => x.At);
            s.HasIndex(x => x.CustomerId);
        });

        modelBuilder.Entity<CustomerRecord>(c =>
        {
            c.ToTable("customers");
            c.HasKey(x => x.CustomerId);
            c.Property(x => x.CustomerId).ValueGeneratedNever();
            c.Property(x => x.Email).HasMaxLength(320);
            c.Property(x => x.Name).HasMaxLength(200);
            c.Property(x => x.Status).HasMaxLength(10);
            c.Property(x => x.Value).HasPrecision(18, 2);
        });

        modelBuilder.Entity<CustomerStatusSpan>(s =>
        {
            s.ToTable("customer_status_spans");
            s.HasKey(x => new { x.CustomerId, x.From });
            s.Property(x => x.Status).HasMaxLength(10);
        });

        modelBuilder.Entity<AnswerRecord>(a =>
        {
            a.ToTable("kb_answers");
            a.HasKey(x => x.AnswerId);
            a.Property(x => x.Locale).HasMaxLength(20);
            a.HasIndex(x => x.AskedAt);
        });
    }

    private static void TicketAttributesColumns(ComplexPropertyBuilder<TicketAttributes> ticket)
    {
        ticket.Property(x => x.Channel).HasMaxLength(20);
        ticket.Property(x => x.Priority).HasMaxLength(20);
        ticket.Property(x => x.Category).HasMaxLength(100);
    }
}
