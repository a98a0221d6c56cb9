using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.Automation.Schedules;

public sealed class BusinessScheduleEntityTypeConfiguration : IEntityTypeConfiguration<BusinessSchedule>
{
    public void Configure(EntityTypeBuilder<BusinessSchedule> schedule)
    {
        schedule.ToTable("business_schedules");
        schedule.Property(s => s.Name).HasMaxLength(BusinessSchedule.NameMaxLength);
        schedule.Property(s => s.TimeZone).HasMaxLength(100);
        schedule.Property(s => s.Hours).HasJsonConversion();
        schedule.Property(s => s.Holidays).HasJsonConversion();
        schedule.Property(s => s.Version).IsConcurrencyToken();
        schedule.HasIndex(s => s.Name).IsUnique();
    }
}
