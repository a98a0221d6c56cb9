using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;
using Support.Automation.Rules;

namespace Support.Automation.Automations;

public sealed class AutomationRuleEntityTypeConfiguration : IEntityTypeConfiguration<AutomationRule>
{
    public void Configure(EntityTypeBuilder<AutomationRule> automation)
    {
        automation.ToTable("automations");
        automation.Property(a => a.Name).HasMaxLength(Rule.NameMaxLength);
        automation.Property(a => a.Conditions).HasJsonConversion();
        automation.Property(a => a.Actions).HasJsonConversion();
        automation.Property(a => a.Version).IsConcurrencyToken();
        automation.Ignore(a => a.PeriodField);
        automation.HasIndex(a => a.Name).IsUnique();
    }
}
