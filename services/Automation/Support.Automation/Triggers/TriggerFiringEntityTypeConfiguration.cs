using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Automation.Triggers;

public sealed class TriggerFiringEntityTypeConfiguration : IEntityTypeConfiguration<TriggerFiring>
{
    public void Configure(EntityTypeBuilder<TriggerFiring> firing)
    {
        firing.ToTable("trigger_firings");
        firing.HasOne<Trigger>().WithMany().HasForeignKey(f => f.TriggerId).OnDelete(DeleteBehavior.Cascade);
        firing.HasIndex(f => new { f.TriggerId, f.FiredAt });
        firing.HasIndex(f => f.TicketId);
    }
}
