using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Customers;

public sealed class CustomerRecordEntityTypeConfiguration : IEntityTypeConfiguration<CustomerRecord>
{
    public void Configure(EntityTypeBuilder<CustomerRecord> c)
    {
        c.ToTable("customers");
        c.HasKey(x => x.CustomerId);
        c.Property(x => x.CustomerId).ValueGeneratedNever();
        c.Property(x => x.Email).HasMaxLength(320);
        c.Property(x => x.Name).HasMaxLength(200);
        c.Property(x => x.Status).HasMaxLength(10);
        c.Property(x => x.Value).HasPrecision(18, 2);
    }
}
