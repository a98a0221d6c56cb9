using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.KnowledgeBase.Articles;

public sealed class ArticleVersionEntityTypeConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public void Configure(EntityTypeBuilder<ArticleVersion> version)
    {
        version.ToTable("article_versions");
        version.Property(v => v.Title).HasMaxLength(Article.TitleMaxLength);
        version.Property(v => v.Summary).HasMaxLength(Article.SummaryMaxLength);
        version.Property(v => v.Locale).HasMaxLength(20);
        version.Property(v => v.Author).HasMaxLength(Article.AuthorMaxLength);
        version.Property(v => v.EditedBy).HasMaxLength(100);
        version.Property(v => v.Status).HasConversion<string>().HasMaxLength(10);
        version.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        version.HasIndex(v => new { v.ArticleId, v.Version }).IsUnique();
    }
}
