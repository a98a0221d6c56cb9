using Support.Hosting.Data;

namespace Support.KnowledgeBase.Articles;

public enum ArticleStatus { Draft, Published, Archived }

public class Article : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 500;
    public const int BodyMaxBytes = 256 * 1024;
    public const int AuthorMaxLength = 100;
    public const int TagMaxLength = 50;
    public const int MaxTags = 20;

    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown as written; BodyHtml is its rendering, with raw HTML escaped.</summary>
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public string? Summary { get; set; }
    public int? CategoryId { get; set; }
    public List<string> Tags { get; set; } = [];
    public required string Locale { get; set; }
    public ArticleStatus Status { get; set; }
    public string? Author { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int ViewCount { get; set; }
    public int HelpfulVotes { get; set; }
    public int NotHelpfulVotes { get; set; }

    // The search index's input: space-separated terms (see SearchTerms), weighted title > keywords > body.
    public string SearchTitle { get; set; } = "";
    public string SearchKeywords { get; set; } = "";
    public string SearchBody { get; set; } = "";
}

/// <summary>An article as it was after one write: version 1 is the created article, each edit adds the next.</summary>
public class ArticleVersion
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Summary { get; set; }
    public int? CategoryId { get; set; }
    public List<string> Tags { get; set; } = [];
    public required string Locale { get; set; }
    public ArticleStatus Status { get; set; }
    public string? Author { get; set; }
    /// <summary>Who wrote this version ("agent:17").</summary>
    public required string EditedBy { get; set; }
    public DateTimeOffset EditedAt { get; set; }

    public static ArticleVersion Of(Article a, string editedBy, DateTimeOffset at) => new()
    {
        ArticleId = a.Id, Version = a.Version, Title = a.Title, Body = a.Body, Summary = a.Summary, CategoryId = a.CategoryId,
        Tags = [.. a.Tags], Locale = a.Locale, Status = a.Status, Author = a.Author, EditedBy = editedBy, EditedAt = at,
    };
}

public static class ArticleContent
{
    /// <summary>Renders the body and recomputes the search index's terms after a change of content.</summary>
    public static void Refresh(this Article article)
    {
        article.BodyHtml = MarkdownRenderer.ToHtml(article.Body);
        article.SearchTitle = Search.SearchTerms.ForIndex(article.Title);
        article.SearchKeywords = Search.SearchTerms.ForIndex(string.Join(' ', article.Tags) + " " + article.Summary);
        article.SearchBody = Search.SearchTerms.ForIndex(MarkdownRenderer.ToPlainText(article.Body));
    }

    /// <summary>The words misspellings may be corrected to: those of the title, tags, summary and body.</summary>
    public static IEnumerable<string> Words(this Article article) =>
        Search.SearchTerms.Words($"{article.Title} {string.Join(' ', article.Tags)} {article.Summary} {MarkdownRenderer.ToPlainText(article.Body)}");

    public static string Wire(this ArticleStatus status) => status.ToString().ToLowerInvariant();
}
