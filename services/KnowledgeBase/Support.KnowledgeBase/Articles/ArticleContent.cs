namespace Support.KnowledgeBase.Articles;

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

}
