using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Customers;

public sealed class CustomerStatusSpanEntityTypeConfiguration : IEntityTypeConfiguration<CustomerStatusSpan>
{
    public void Configure(EntityTypeBuilder<CustomerStatusSpan> s)
    {
        s.ToTable("customer_status_spans");
        s.HasKey(x => new { x.CustomerId, x.From });
        s.Property(x => x.Status).HasMaxLength(10);
    }
}
