using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.KnowledgeBase.Categories;

namespace Support.KnowledgeBase.Articles;

public sealed class ArticleEntityTypeConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.ToTable("articles");
        article.Property(a => a.Title).HasMaxLength(Article.TitleMaxLength);
        article.Property(a => a.Summary).HasMaxLength(Article.SummaryMaxLength);
        article.Property(a => a.Locale).HasMaxLength(20);
        article.Property(a => a.Author).HasMaxLength(Article.AuthorMaxLength);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.HasOne<Category>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        article.HasIndex(a => new { a.Status, a.Locale });
    }
}
