using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Ticket.Organizations;

public sealed class OrganizationEntityTypeConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.ToTable("organizations");
        organization.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        organization.Property(o => o.Notes).HasMaxLength(Organization.NotesMaxLength);
        organization.Property(o => o.Version).IsConcurrencyToken();
        organization.HasIndex(o => o.Name).IsUnique();
    }
}
