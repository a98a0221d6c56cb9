using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.Automation.Macros;

public sealed class MacroEntityTypeConfiguration : IEntityTypeConfiguration<Macro>
{
    public void Configure(EntityTypeBuilder<Macro> macro)
    {
        macro.ToTable("macros");
        macro.Property(m => m.Title).HasMaxLength(Macro.TitleMaxLength);
        macro.Property(m => m.Description).HasMaxLength(Macro.DescriptionMaxLength);
        macro.Property(m => m.Actions).HasJsonConversion();
        macro.Property(m => m.Owner).HasMaxLength(100);
        macro.Property(m => m.Version).IsConcurrencyToken();
        macro.HasIndex(m => m.Owner);
    }
}
