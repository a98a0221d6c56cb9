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
    public DbSet<HandoffCalibration> HandoffCalibrations => Set<HandoffCalibration>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();

    /// <summary>SQLite's search index: an FTS5 table over the published articles' terms, kept in step by triggers.</summary>
    protected override IEnumerable<string> SqliteSchemaExtras => SqliteSearchIndex.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KnowledgeBaseDbContext).Assembly);
    }
}
