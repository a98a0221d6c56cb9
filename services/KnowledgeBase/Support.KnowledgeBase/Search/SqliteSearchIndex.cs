namespace Support.KnowledgeBase.Search;

/// <summary>
/// The standalone mode's search index: an FTS5 table holding the published articles' terms (contentless, the
/// articles table keeps the text), filled and emptied by triggers as articles are written, published or archived,
/// and an fts5vocab view of it giving each term's document count.
/// </summary>
public static class SqliteSearchIndex
{
    public static readonly string[] Schema =
    [
        """
        CREATE VIRTUAL TABLE article_search USING fts5(title, keywords, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')
        """,
        """
        CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, 'row')
        """,
        """
        CREATE TRIGGER articles_search_insert AFTER INSERT ON articles WHEN new."Status" = 'Published' BEGIN
            INSERT INTO article_search(rowid, title, keywords, body) VALUES (new."Id", new."SearchTitle", new."SearchKeywords", new."SearchBody");
        END
        """,
        """
        CREATE TRIGGER articles_search_update AFTER UPDATE OF "Status", "SearchTitle", "SearchKeywords", "SearchBody" ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old."Id";
            INSERT INTO article_search(rowid, title, keywords, body)
                SELECT new."Id", new."SearchTitle", new."SearchKeywords", new."SearchBody" WHERE new."Status" = 'Published';
        END
        """,
        """
        CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old."Id";
        END
        """,
    ];
}
