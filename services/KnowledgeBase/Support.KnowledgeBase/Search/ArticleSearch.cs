using Microsoft.EntityFrameworkCore;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Search;

public record ArticleFilter(string? Locale, IReadOnlyList<int>? CategoryIds);

public record RankedArticle(int ArticleId, double Rank);

public record TermDocuments(string Term, int Documents);

/// <summary>
/// The database's full-text search over published articles: PostgreSQL's tsvector (in article_search_vectors, with a
/// GIN index) and pg_trgm, or SQLite's FTS5 in the standalone mode. Terms come from <see cref="SearchTerms"/>; any term
/// may match, and the database ranks articles by how many of them they hold, how often and where (title, then tags and
/// summary, then body).
/// </summary>
public sealed class ArticleSearch(KnowledgeBaseDbContext db)
{
    private const double MinCorrectionSimilarity = 0.45;
    private const int MinCorrectedLength = 4;
    public const int MaxCandidates = 200;
    private const string TotalTerm = ""; // article_term_documents' row counting the published articles
    private bool Sqlite => db.Database.IsSqlite();

    /// <summary>
    /// The terms to look for: the text's own, with each word no published article holds corrected to the most similar
    /// one that does, unless the word's stem is indexed: that is another form of a word articles hold ("connected" when
    /// they say "connection"), which the stem already finds and a correction to the nearest word ("connector") would lose.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueryTermsAsync(string text, CancellationToken ct)
    {
        var words = SearchTerms.Words(text).Where(w => w.Length >= MinCorrectedLength).ToList();
        var corrections = await CorrectionsAsync(words, ct);
        var changingStem = corrections.Where(c => SearchTerms.WordTerm(c.Key) != SearchTerms.WordTerm(c.Value)).Select(c => c.Key).ToList();
        if (changingStem.Count == 0)
            return SearchTerms.ForQuery(text, corrections);
        var (documents, _) = await DocumentFrequenciesAsync(changingStem.Select(w => SearchTerms.WordTerm(w)!).Distinct().ToList(), ct);
        var misspelt = corrections.Where(c => !changingStem.Contains(c.Key) || documents[SearchTerms.WordTerm(c.Key)!] == 0)
            .ToDictionary(c => c.Key, c => c.Value);
        return SearchTerms.ForQuery(text, misspelt);
    }

    /// <summary>
    /// The most relevant published articles holding any of the terms (or, with <paramref name="allTerms"/>, all of
    /// them). On PostgreSQL at most <see cref="MaxCandidates"/> matches are ranked, those holding the rarest terms first:
    /// terms common to thousands of articles would otherwise make one query rank them all, and a few hundred of those
    /// taken in any order would miss the articles holding the words that say most. <paramref name="documents"/>: the
    /// terms' document counts, when the caller has them (<see cref="DocumentFrequenciesAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<RankedArticle>> RankAsync(IReadOnlyCollection<string> terms, ArticleFilter filter, int limit, CancellationToken ct,
        bool allTerms = false, IReadOnlyDictionary<string, int>? documents = null)
    {
        if (terms.Count == 0)
            return [];
        var categories = filter.CategoryIds?.ToArray();
        if (Sqlite)
        {
            var match = string.Join(allTerms ? " AND " : " OR ", terms.Select(t => $"\"{t}\""));
            var hits = await db.Database.SqlQuery<RankedArticle>($"""
                SELECT a."Id" AS "ArticleId", -bm25(article_search, 10.0, 4.0, 1.0) AS "Rank"
                FROM article_search JOIN articles a ON a."Id" = article_search.rowid
                WHERE article_search MATCH {match} AND ({filter.Locale} IS NULL OR a."Locale" = {filter.Locale})
                ORDER BY 2 DESC, 1 LIMIT {(categories is null ? limit : 1000)}
                """).ToListAsync(ct);
            if (categories is null)
                return hits;
            var inCategories = await db.Articles.Where(a => hits.Select(h => h.ArticleId).Contains(a.Id) && categories.Contains(a.CategoryId!.Value))
                .Select(a => a.Id).ToListAsync(ct);
            return hits.Where(h => inCategories.Contains(h.ArticleId)).Take(limit).ToList();
        }
        var query = TsQuery(terms, allTerms ? " & " : " | ");
        if (terms.Any(t => t.EnumerateRunes().Count() == 1))
        {
            // Only the articles' full vectors hold one-character terms (see the ArticleSearchVectors migration).
            return await db.Database.SqlQuery<RankedArticle>($$"""
                SELECT c."Id" AS "ArticleId", ts_rank('{0.1, 0.2, 0.4, 1.0}', c.search_vector, to_tsquery('simple', {{query}}), 1)::float8 AS "Rank"
                FROM (SELECT a."Id", a.search_vector FROM articles a
                      WHERE a."Status" = 'Published' AND a.search_vector @@ to_tsquery('simple', {{query}})
                        AND ({{filter.Locale}}::text IS NULL OR a."Locale" = {{filter.Locale}})
                        AND ({{categories}}::int[] IS NULL OR a."CategoryId" = ANY({{categories}}))
                      LIMIT {{MaxCandidates}}) c
                ORDER BY 2 DESC, 1 LIMIT {{limit}}
                """).ToListAsync(ct);
        }
        var (rarest, next, rest) = allTerms || terms.Count == 1
            ? (query, null, null)
            : CandidateQueries(terms, documents ?? (await DocumentFrequenciesAsync(terms, ct)).Documents);
        // ts_rank without its length normalisation, divided as it would by the full vector's length (the same rank).
        return await db.Database.SqlQuery<RankedArticle>($$"""
            SELECT c.article_id AS "ArticleId",
                (ts_rank('{0.1, 0.2, 0.4, 1.0}', c.search_vector, to_tsquery('simple', {{query}}), 0)::float8 / (ln(c.vector_length + 1::float8) / ln(2::float8)))::real::float8 AS "Rank"
            FROM ((SELECT v.article_id, v.vector_length, v.search_vector FROM article_search_vectors v
                   WHERE v.search_vector @@ to_tsquery('simple', {{rarest}}::text)
                     AND ({{filter.Locale}}::text IS NULL OR v.locale = {{filter.Locale}}) AND ({{categories}}::int[] IS NULL OR v.category_id = ANY({{categories}})))
                  UNION ALL
                  (SELECT v.article_id, v.vector_length, v.search_vector FROM article_search_vectors v
                   WHERE v.search_vector @@ to_tsquery('simple', {{next}}::text)
                     AND ({{filter.Locale}}::text IS NULL OR v.locale = {{filter.Locale}}) AND ({{categories}}::int[] IS NULL OR v.category_id = ANY({{categories}})))
                  UNION ALL
                  (SELECT v.article_id, v.vector_length, v.search_vector FROM article_search_vectors v
                   WHERE v.search_vector @@ to_tsquery('simple', {{rest}}::text)
                     AND ({{filter.Locale}}::text IS NULL OR v.locale = {{filter.Locale}}) AND ({{categories}}::int[] IS NULL OR v.category_id = ANY({{categories}})))
                  LIMIT {{MaxCandidates}}) c
            ORDER BY 2 DESC, 1 LIMIT {{limit}}
            """).ToListAsync(ct);
    }

    /// <summary>
    /// The candidates of an any-term search in three queries run in turn until <see cref="MaxCandidates"/> are found:
    /// the articles holding the rarest terms (together in at most that many articles, so all of them), then those
    /// holding the next rarest term, then those holding any other. Each leaves out what the ones before found.
    /// </summary>
    private static (string Rarest, string? Next, string? Others) CandidateQueries(IReadOnlyCollection<string> terms, IReadOnlyDictionary<string, int> documents)
    {
        var byRarity = terms.OrderBy(t => documents.GetValueOrDefault(t)).ToList();
        var (count, sum) = (0, 0L);
        while (count < byRarity.Count && sum + documents.GetValueOrDefault(byRarity[count]) <= MaxCandidates)
            sum += documents.GetValueOrDefault(byRarity[count++]);
        if (count == byRarity.Count)
            return (TsQuery(byRarity, " | "), null, null);
        var rarest = count == 0 ? null : TsQuery(byRarity.Take(count), " | ");
        var next = TsQuery([byRarity[count]], "");
        var found = rarest is null ? next : $"{rarest} | {next}";
        var rest = count + 1 == byRarity.Count ? null : $"({TsQuery(byRarity.Skip(count + 1), " | ")}) & !({found})";
        return rarest is null ? (next, rest, null) : (rarest, $"{next} & !({rarest})", rest);
    }

    private static string TsQuery(IEnumerable<string> terms, string separator) => string.Join(separator, terms.Select(t => $"'{t}'"));

    /// <summary>
    /// PostgreSQL's corrections ({0}: the words, {1}: the least similarity). The unknown words are found first: otherwise
    /// the planner ran the nearest-word search for every word of a ticket (0.3 ms each, as much as the ranking) and
    /// dropped the known ones after.
    /// </summary>
    public const string CorrectionsSql = """
        WITH unknown AS MATERIALIZED (
            SELECT DISTINCT q.word FROM unnest({0}::text[]) AS q(word)
            WHERE NOT EXISTS (SELECT 1 FROM search_words k WHERE k."Word" = q.word))
        SELECT u.word AS "Word", c."Word" AS "Correction"
        FROM unknown u
        CROSS JOIN LATERAL (SELECT w."Word" FROM search_words w ORDER BY w."Word" <-> u.word LIMIT 1) c
        WHERE similarity(c."Word", u.word) >= {1}
        """;

    /// <summary>For each word that appears in no published article, the most similar word that does (trigram similarity).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CorrectionsAsync(IReadOnlyList<string> words, CancellationToken ct)
    {
        if (words.Count == 0)
            return new Dictionary<string, string>();
        var wordArray = words.ToArray();
        if (!Sqlite)
        {
            var rows = await db.Database.SqlQueryRaw<WordCorrection>(CorrectionsSql, wordArray, MinCorrectionSimilarity).ToListAsync(ct);
            return rows.ToDictionary(r => r.Word, r => r.Correction);
        }
        var known = await db.SearchWords.Where(w => wordArray.Contains(w.Word)).Select(w => w.Word).ToListAsync(ct);
        var corrections = new Dictionary<string, string>();
        foreach (var word in wordArray.Except(known))
        {
            var candidates = await db.SearchWords
                .Where(w => w.Word.Length >= word.Length - 2 && w.Word.Length <= word.Length + 2 && w.Word.StartsWith(word.Substring(0, 1)))
                .Select(w => w.Word).ToListAsync(ct);
            var best = candidates.Select(c => (Word: c, Similarity: Trigrams.Similarity(c, word)))
                .OrderByDescending(c => c.Similarity).ThenBy(c => c.Word, StringComparer.Ordinal).FirstOrDefault();
            if (best.Word is not null && best.Similarity >= MinCorrectionSimilarity)
                corrections[word] = best.Word;
        }
        return corrections;
    }

    /// <summary>
    /// In how many published articles each term appears, and how many published articles there are: read from what the
    /// database keeps as articles change (SQLite's FTS5 vocabulary; on PostgreSQL the kept counts plus the changes
    /// <see cref="TermDocumentCounts"/> has not folded in yet), not counted.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, int> Documents, int Total)> DocumentFrequenciesAsync(IReadOnlyCollection<string> terms, CancellationToken ct)
    {
        var termArray = terms.ToArray();
        var documents = termArray.ToDictionary(t => t, _ => 0);
        if (Sqlite)
        {
            var rows = await db.Database.SqlQuery<TermDocuments>($"""
                SELECT term AS "Term", doc AS "Documents" FROM article_search_terms WHERE term IN (SELECT value FROM json_each({System.Text.Json.JsonSerializer.Serialize(termArray)}))
                """).ToListAsync(ct);
            foreach (var row in rows)
                documents[row.Term] = row.Documents;
            return (documents, await db.Articles.CountAsync(a => a.Status == Articles.ArticleStatus.Published, ct));
        }
        var wanted = termArray.Append(TotalTerm).ToArray();
        var kept = await db.Database.SqlQuery<TermDocuments>($"""
            SELECT term AS "Term", sum(documents)::int AS "Documents" FROM (
                SELECT term, documents FROM article_term_documents WHERE term = ANY({wanted})
                UNION ALL SELECT term, delta FROM article_term_changes WHERE term = ANY({wanted})) AS kept
            GROUP BY term
            """).ToDictionaryAsync(row => row.Term, row => row.Documents, ct);
        foreach (var term in termArray)
            documents[term] = kept.GetValueOrDefault(term);
        return (documents, kept.GetValueOrDefault(TotalTerm));
    }

    /// <summary>Adds the words of a published article to the vocabulary misspellings are corrected to.</summary>
    public async Task AddWordsAsync(IEnumerable<string> words, CancellationToken ct)
    {
        // Sorted, so concurrent writers take the rows' locks in one order and cannot deadlock.
        var sorted = words.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
            return;
        if (Sqlite)
            await db.Database.ExecuteSqlAsync($"""INSERT OR IGNORE INTO search_words ("Word") SELECT value FROM json_each({System.Text.Json.JsonSerializer.Serialize(sorted)})""", ct);
        else
            await db.Database.ExecuteSqlAsync($"""INSERT INTO search_words ("Word") SELECT unnest({sorted}::text[]) ON CONFLICT DO NOTHING""", ct);
    }

    private sealed record WordCorrection(string Word, string Correction);
}
