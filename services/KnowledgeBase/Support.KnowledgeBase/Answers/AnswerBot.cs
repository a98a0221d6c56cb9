using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Data;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Answers;

public record AnswerMatch(Article Article, double Confidence, IReadOnlyList<string> Terms);

/// <summary>The best articles, best first, and the evidence of the best one, measured when first asked for (suggestions never ask).</summary>
public sealed class AnswerFinding(IReadOnlyList<AnswerMatch> matches, Func<AnswerEvidence> measure)
{
    private readonly Lazy<AnswerEvidence> evidence = new(measure);

    public IReadOnlyList<AnswerMatch> Matches => matches;

    public AnswerEvidence Evidence => evidence.Value;
}

/// <summary>
/// Finds the published articles that best answer a question, each with a confidence in [0, 1]: the share of the
/// question's meaning the article covers, where each term weighs its inverse document frequency (BM25's), so rare
/// words count most and a word no article holds counts fully against every article.
/// </summary>
public sealed class AnswerBot(KnowledgeBaseDbContext db, ArticleSearch search, IOptions<KnowledgeBaseOptions> options)
{
    private const int Candidates = 10;

    /// <summary>A smaller knowledge base is weighed as if it had this many articles: with a handful, every word they hold would look common.</summary>
    private const int MinArticlesForWeights = 20;

    public KnowledgeBaseOptions Options => options.Value;

    public async Task<AnswerFinding> FindAsync(string question, string locale, int count, CancellationToken ct)
    {
        var terms = await search.QueryTermsAsync(question, ct);
        if (terms.Count == 0)
            return new([], () => AnswerEvidence.None);
        var (documents, total) = await search.DocumentFrequenciesAsync(terms, ct);
        var ranked = await search.RankAsync(terms, new ArticleFilter(locale, null), Candidates, ct, documents: documents);
        if (ranked.Count == 0)
            return new([], () => AnswerEvidence.None);
        var weights = Weights(terms, documents, Math.Max(total, MinArticlesForWeights));
        var ids = ranked.Select(r => r.ArticleId).ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var matches = ranked.Where(r => articles.ContainsKey(r.ArticleId))
            .Select(r => new AnswerMatch(articles[r.ArticleId], Share(Held(articles[r.ArticleId]), weights), terms))
            .OrderByDescending(m => m.Confidence)
            .ToList();
        return new(matches.Take(count).ToList(), () => Evidence(question, matches, weights, documents));
    }

    /// <summary>The question's language, when the asker did not say: Chinese when a fifth of its letters are, else the default.</summary>
    public string LocaleOf(string question) =>
        Support.Text.Language.Of(question) is { } detected && Options.Canonical(detected) is { } supported ? supported : Options.Locales[0];

    /// <summary>
    /// Each term's inverse document frequency. A Chinese bigram no article holds that overlaps one an article does
    /// ("想退" beside "退款") straddles two words rather than being one, and weighs nothing; an unknown bigram
    /// between unknown ones ("招聘") is a word the knowledge base lacks, and weighs fully.
    /// </summary>
    private static Dictionary<string, double> Weights(IReadOnlyList<string> terms, IReadOnlyDictionary<string, int> documents, int total)
    {
        bool IsBigram(string t) => t.Length == 2 && Support.Text.TextTokenizer.IsCjk(t[0]) && Support.Text.TextTokenizer.IsCjk(t[1]);
        bool Known(int i) => i >= 0 && i < terms.Count && IsBigram(terms[i]) && documents[terms[i]] > 0;
        var weights = new Dictionary<string, double>();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var straddles = IsBigram(term) && documents[term] == 0
                && (Known(i - 1) && terms[i - 1][1] == term[0] || Known(i + 1) && terms[i + 1][0] == term[1]);
            weights[term] = straddles ? 0 : Math.Log(1 + (total - documents[term] + 0.5) / (documents[term] + 0.5));
        }
        return weights;
    }

    private static AnswerEvidence Evidence(string question, List<AnswerMatch> matches, Dictionary<string, double> weights, IReadOnlyDictionary<string, int> documents)
    {
        if (matches.Count == 0)
            return AnswerEvidence.None;
        var best = matches[0].Article;
        var straddling = SearchTerms.Straddling(question);
        var words = weights.ToDictionary(w => w.Key, w => straddling.Contains(w.Key) ? 0 : w.Value);
        return new AnswerEvidence(
            Coverage: matches[0].Confidence,
            WordCoverage: Share(Held(best), words),
            TitleCoverage: Share($"{best.SearchTitle} {best.SearchKeywords}".Split(' ').ToHashSet(), weights),
            Margin: Math.Round(matches[0].Confidence - (matches.Count > 1 ? matches[1].Confidence : 0), 3),
            Unknown: Share(weights.Keys.Where(t => documents[t] == 0).ToHashSet(), weights),
            Terms: weights.Count(w => w.Value > 0));
    }

    private static HashSet<string> Held(Article article) => $"{article.SearchTitle} {article.SearchKeywords} {article.SearchBody}".Split(' ').ToHashSet();

    /// <summary>The weighed share of the question's terms in a set of terms.</summary>
    private static double Share(HashSet<string> held, Dictionary<string, double> weights)
    {
        var all = weights.Values.Sum();
        return all == 0 ? 0 : Math.Round(weights.Where(w => held.Contains(w.Key)).Sum(w => w.Value) / all, 3);
    }
}
