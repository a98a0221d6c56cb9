using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Automation.Sla;

public sealed class SlaTargetRecordEntityTypeConfiguration : IEntityTypeConfiguration<SlaTargetRecord>
{
    public void Configure(EntityTypeBuilder<SlaTargetRecord> target)
    {
        target.ToTable("sla_targets");
        target.Property(t => t.Metric).HasMaxLength(30);
        target.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasIndex(t => t.TicketId);
        // The SLA clock's two scans: targets due, and warnings due.
        target.HasIndex(t => new { t.Status, t.DueAt });
        target.HasIndex(t => new { t.Status, t.WarnAt });
    }
}
