using Support.Hosting.Http;

namespace Support.KnowledgeBase.Articles;

/// <summary>The fields a PATCH of an article may change, read from its body: null clears summary, category or author.</summary>
public sealed record ArticleChange(
    Optional<string> Title, Optional<string> Body, Optional<string> Summary, Optional<string> Locale, Optional<ArticleStatus> Status,
    Optional<int?> CategoryId, Optional<List<string>> Tags, Optional<string> Author)
{
    public static ArticleChange Read(JsonPatch patch, ValidationErrors errors, KnowledgeBaseOptions options)
    {
        var title = patch.Field<string>("title");
        var body = patch.Field<string>("body");
        var summary = patch.Field<string>("summary", nullable: true);
        var rawLocale = patch.Field<string>("locale");
        var status = patch.Field<ArticleStatus>("status");
        var categoryId = patch.Field<int?>("categoryId", nullable: true);
        var rawTags = patch.Field<List<string>>("tags");
        var author = patch.Field<string>("author", nullable: true);
        if (title.IsSet) errors.Required("title", title.Value, Article.TitleMaxLength);
        if (body.IsSet) errors.RequiredMaxBytes("body", body.Value, Article.BodyMaxBytes);
        if (summary.IsSet) errors.MaxLength("summary", summary.Value, Article.SummaryMaxLength);
        if (author.IsSet) errors.MaxLength("author", author.Value, Article.AuthorMaxLength);
        var locale = rawLocale.IsSet ? new Optional<string>(true, ArticlesApi.ReadLocale(rawLocale.Value, options, errors, required: true)) : default;
        var tags = rawTags.IsSet ? new Optional<List<string>>(true, ArticlesApi.ReadTags(rawTags.Value, errors)) : default;
        return new ArticleChange(title, body, summary, locale, status, categoryId, tags, author);
    }

    /// <summary>Applies the change, naming each field it changed in <see cref="Edit.ChangedFields"/>; true when any changed.</summary>
    public bool ApplyTo(Article article, Edit edit)
    {
        var wasPublished = article.Status == ArticleStatus.Published;
        void Set<T>(bool set, string name, T current, T value, Action<T> apply)
        {
            if (!set || EqualityComparer<T>.Default.Equals(current, value)) return;
            apply(value);
            edit.ChangedFields.Add(name);
        }
        Set(Title.IsSet, "title", article.Title, Title.Value?.Trim(), v => article.Title = v!);
        Set(Body.IsSet, "body", article.Body, Body.Value, v => article.Body = v!);
        Set(Summary.IsSet, "summary", article.Summary, ArticlesApi.Blank(Summary.Value), v => article.Summary = v);
        Set(Locale.IsSet, "locale", article.Locale, Locale.Value, v => article.Locale = v!);
        Set(Status.IsSet, "status", article.Status, Status.Value, v => article.Status = v);
        Set(CategoryId.IsSet, "categoryId", article.CategoryId, CategoryId.Value, v => article.CategoryId = v);
        Set(Author.IsSet, "author", article.Author, ArticlesApi.Blank(Author.Value), v => article.Author = v);
        if (Tags.IsSet && !article.Tags.SequenceEqual(Tags.Value!)) { article.Tags = Tags.Value!; edit.ChangedFields.Add("tags"); }
        if (edit.ChangedFields.Count == 0)
            return false;
        article.Refresh();
        if (article.Status == ArticleStatus.Published && !wasPublished)
            article.PublishedAt = edit.Now;
        return true;
    }
}
