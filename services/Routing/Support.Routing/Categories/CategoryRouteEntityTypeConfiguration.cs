using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Routing.Groups;

namespace Support.Routing.Categories;

public sealed class CategoryRouteEntityTypeConfiguration : IEntityTypeConfiguration<CategoryRoute>
{
    public void Configure(EntityTypeBuilder<CategoryRoute> route)
    {
        route.ToTable("category_routes");
        route.HasKey(r => r.Category);
        route.Property(r => r.Category).HasMaxLength(CategoryRoute.NameMaxLength);
        route.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
