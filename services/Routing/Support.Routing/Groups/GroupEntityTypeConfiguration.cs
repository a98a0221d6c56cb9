using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Routing.Groups;

public sealed class GroupEntityTypeConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> group)
    {
        group.ToTable("groups");
        group.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
        group.Property(g => g.Policy).HasConversion<string>().HasMaxLength(20);
        group.Property(g => g.Version).IsConcurrencyToken();
        group.HasIndex(g => g.Name).IsUnique();
        group.HasOne<Group>().WithMany().HasForeignKey(g => g.EscalatesToId).OnDelete(DeleteBehavior.Restrict);
    }
}
