using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.KnowledgeBase.Answers;

public sealed class HandoffCalibrationEntityTypeConfiguration : IEntityTypeConfiguration<HandoffCalibration>
{
    public void Configure(EntityTypeBuilder<HandoffCalibration> calibration)
    {
        calibration.ToTable("handoff_calibrations");
        calibration.HasKey(c => c.Version);
        calibration.Property(c => c.Model).HasJsonConversion();
    }
}
