using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Categories;
using Support.KnowledgeBase.ProblemLibrary;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Data;

public class KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();

    /// <summary>SQLite's search index: an FTS5 table over the published articles' terms, kept in step by triggers.</summary>
    protected override IEnumerable<string> SqliteSchemaExtras => SqliteSearchIndex.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Article>(article =>
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
        });

        modelBuilder.Entity<ArticleVersion>(version =>
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
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.Property(c => c.Name).HasMaxLength(Category.NameMaxLength);
            category.Property(c => c.Description).HasMaxLength(Category.DescriptionMaxLength);
            category.Property(c => c.Version).IsConcurrencyToken();
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Answer>(answer =>
        {
            answer.ToTable("answers");
            answer.Property(a => a.Id).ValueGeneratedNever();
            answer.Property(a => a.Question).HasMaxLength(Answer.QuestionMaxLength);
            answer.Property(a => a.Locale).HasMaxLength(20);
        });

        modelBuilder.Entity<Problem>(problem =>
        {
            problem.ToTable("problems");
            problem.Property(p => p.Title).HasMaxLength(Problem.TitleMaxLength);
            problem.Property(p => p.Solution).HasMaxLength(Problem.SolutionMaxLength);
            problem.Property(p => p.Version).IsConcurrencyToken();
            problem.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<SearchWord>(word =>
        {
            word.ToTable("search_words");
            word.HasKey(w => w.Word);
            word.Property(w => w.Word).HasMaxLength(SearchWord.MaxLength);
        });
    }
}
