using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Tickets;

public sealed class ContactEntityTypeConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.ToTable("contacts");
        contact.HasKey(c => new { c.Kind, c.Id });
        contact.Property(c => c.Kind).HasMaxLength(10);
        contact.Property(c => c.Email).HasMaxLength(320);
        contact.Property(c => c.Name).HasMaxLength(200);
    }
}
