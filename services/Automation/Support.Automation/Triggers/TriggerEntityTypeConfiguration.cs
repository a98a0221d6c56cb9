using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;
using Support.Automation.Rules;

namespace Support.Automation.Triggers;

public sealed class TriggerEntityTypeConfiguration : IEntityTypeConfiguration<Trigger>
{
    public void Configure(EntityTypeBuilder<Trigger> trigger)
    {
        trigger.ToTable("triggers");
        trigger.Property(t => t.Name).HasMaxLength(Rule.NameMaxLength);
        trigger.Property(t => t.Conditions).HasJsonConversion();
        trigger.Property(t => t.Actions).HasJsonConversion();
        trigger.Property(t => t.Version).IsConcurrencyToken();
        trigger.HasIndex(t => t.Name).IsUnique();
        trigger.HasIndex(t => new { t.Active, t.Position });
    }
}
