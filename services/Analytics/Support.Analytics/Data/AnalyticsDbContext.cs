using Microsoft.EntityFrameworkCore;
using Support.Analytics.Customers;
using Support.Analytics.EventStore;
using Support.Analytics.KnowledgeBase;
using Support.Analytics.Schedules;
using Support.Analytics.Sla;
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
    public DbSet<SlaOutcome> SlaOutcomes => Set<SlaOutcome>();
    public DbSet<BusinessSchedule> Schedules => Set<BusinessSchedule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
        if (Database.IsNpgsql())
            modelBuilder.Entity<StoredEvent>().Property(e => e.Payload).HasColumnType("jsonb");
    }
}
