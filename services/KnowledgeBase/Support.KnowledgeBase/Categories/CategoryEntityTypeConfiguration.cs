using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.KnowledgeBase.Categories;

public sealed class CategoryEntityTypeConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.ToTable("categories");
        category.Property(c => c.Name).HasMaxLength(Category.NameMaxLength);
        category.Property(c => c.Description).HasMaxLength(Category.DescriptionMaxLength);
        category.Property(c => c.Version).IsConcurrencyToken();
        category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
