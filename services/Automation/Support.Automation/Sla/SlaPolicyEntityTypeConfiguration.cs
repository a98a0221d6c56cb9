using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.Automation.Sla;

public sealed class SlaPolicyEntityTypeConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> policy)
    {
        policy.ToTable("sla_policies");
        policy.Property(p => p.Name).HasMaxLength(SlaPolicy.NameMaxLength);
        policy.Property(p => p.Description).HasMaxLength(1000);
        policy.Property(p => p.Conditions).HasJsonConversion();
        policy.Property(p => p.Targets).HasJsonConversion();
        policy.Property(p => p.Version).IsConcurrencyToken();
        policy.HasIndex(p => p.Name).IsUnique();
    }
}
