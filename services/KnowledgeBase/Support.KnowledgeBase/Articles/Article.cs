using Support.Hosting.Data;

namespace Support.KnowledgeBase.Articles;

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
