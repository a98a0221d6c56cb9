using Microsoft.EntityFrameworkCore;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Search;

/// <summary>
/// On PostgreSQL, folds the term changes a trigger appends as articles change (article_term_changes) into the kept
/// counts (article_term_documents) every second; see the ArticleTermDocuments migration. Each change row is deleted by
/// the one fold that moves it, so instances folding at once neither lose nor double a change.
/// </summary>
public sealed class TermDocumentCounts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TermDocumentCounts> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        do
        {
            try
            {
                if (!await FoldAsync(stoppingToken))
                    return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Could not fold the article term changes; readers add them meanwhile.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Folds the changes made so far; false on SQLite, whose FTS5 vocabulary keeps the counts itself.</summary>
    public async Task<bool> FoldAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        if (!db.Database.IsNpgsql())
            return false;
        await db.Database.ExecuteSqlRawAsync("""
            WITH moved AS (DELETE FROM article_term_changes RETURNING term, delta)
            INSERT INTO article_term_documents AS t (term, documents)
            SELECT term, sum(delta) FROM moved GROUP BY term ORDER BY term
            ON CONFLICT (term) DO UPDATE SET documents = t.documents + excluded.documents
            """, ct);
        return true;
    }
}
