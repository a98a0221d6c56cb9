using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Automation.Automations;

public sealed class AutomationFiringEntityTypeConfiguration : IEntityTypeConfiguration<AutomationFiring>
{
    public void Configure(EntityTypeBuilder<AutomationFiring> firing)
    {
        firing.ToTable("automation_firings");
        firing.HasOne<AutomationRule>().WithMany().HasForeignKey(f => f.AutomationId).OnDelete(DeleteBehavior.Cascade);
        firing.HasIndex(f => new { f.AutomationId, f.TicketId, f.Period }).IsUnique();
        firing.HasIndex(f => f.TicketId);
    }
}
