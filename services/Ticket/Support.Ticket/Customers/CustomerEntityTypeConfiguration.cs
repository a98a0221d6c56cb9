using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Ticket.Organizations;

namespace Support.Ticket.Customers;

public sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Email).HasMaxLength(Hosting.Http.EmailAddress.MaxLength);
        customer.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        customer.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength);
        customer.Property(c => c.Notes).HasMaxLength(Customer.NotesMaxLength);
        customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
        customer.Property(c => c.Value).HasPrecision(18, 2);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.HasIndex(c => c.Email).IsUnique();
        customer.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
