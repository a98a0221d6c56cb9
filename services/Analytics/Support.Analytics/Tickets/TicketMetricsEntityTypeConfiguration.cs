using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Tickets;

public sealed class TicketMetricsEntityTypeConfiguration : IEntityTypeConfiguration<TicketMetrics>
{
    public void Configure(EntityTypeBuilder<TicketMetrics> t)
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
    }
}
