using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Sla;

public sealed class SlaOutcomeEntityTypeConfiguration : IEntityTypeConfiguration<SlaOutcome>
{
    public void Configure(EntityTypeBuilder<SlaOutcome> o)
    {
        o.ToTable("sla_outcomes");
        o.HasKey(x => new { x.TicketId, x.Metric, x.At, x.Breached });
        o.HasIndex(x => x.At);
    }
}
