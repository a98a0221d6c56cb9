namespace Support.KnowledgeBase.Articles;

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
