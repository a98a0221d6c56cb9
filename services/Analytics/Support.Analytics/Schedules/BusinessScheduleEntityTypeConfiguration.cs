using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.Analytics.Schedules;

public sealed class BusinessScheduleEntityTypeConfiguration : IEntityTypeConfiguration<BusinessSchedule>
{
    public void Configure(EntityTypeBuilder<BusinessSchedule> schedule)
    {
        schedule.ToTable("business_schedules");
        schedule.HasKey(s => s.ScheduleId);
        schedule.Property(s => s.ScheduleId).ValueGeneratedNever();
        schedule.Property(s => s.TimeZone).HasMaxLength(100);
        schedule.Property(s => s.Hours).HasJsonConversion();
        schedule.Property(s => s.Holidays).HasJsonConversion();
    }
}
