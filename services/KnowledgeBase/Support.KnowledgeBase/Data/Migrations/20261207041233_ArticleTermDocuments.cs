using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleTermDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // In how many published articles each search term appears (the empty term: how many are published), kept
            // as articles change instead of counted over all articles for every question and new ticket (at 100,000
            // articles that count was PostgreSQL's largest cost in the whole-system benchmark). A trigger appends each
            // change to article_term_changes, which takes no lock (an upsert of the counts made concurrent article
            // writers wait for each other on the common terms' rows); TermDocumentCounts folds them into
            // article_term_documents every second; a reader adds the changes not folded yet.
            migrationBuilder.Sql("""
                CREATE TABLE article_term_documents (
                    term text PRIMARY KEY,
                    documents integer NOT NULL);
                CREATE TABLE article_term_changes (
                    term text NOT NULL,
                    delta integer NOT NULL);
                CREATE INDEX ix_article_term_changes_term ON article_term_changes (term);

                CREATE FUNCTION article_term_changes_append() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO article_term_changes (term, delta)
                    SELECT unnest(tsvector_to_array(NEW.search_vector)), 1 WHERE TG_OP <> 'DELETE' AND NEW."Status" = 'Published'
                    UNION ALL SELECT '', 1 WHERE TG_OP <> 'DELETE' AND NEW."Status" = 'Published'
                    UNION ALL SELECT unnest(tsvector_to_array(OLD.search_vector)), -1 WHERE TG_OP <> 'INSERT' AND OLD."Status" = 'Published'
                    UNION ALL SELECT '', -1 WHERE TG_OP <> 'INSERT' AND OLD."Status" = 'Published';
                    RETURN NULL;
                END $$;

                CREATE TRIGGER article_term_changes_on_insert AFTER INSERT ON articles
                    FOR EACH ROW EXECUTE FUNCTION article_term_changes_append();
                CREATE TRIGGER article_term_changes_on_update AFTER UPDATE ON articles
                    FOR EACH ROW WHEN (OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)
                    EXECUTE FUNCTION article_term_changes_append();
                CREATE TRIGGER article_term_changes_on_delete AFTER DELETE ON articles
                    FOR EACH ROW EXECUTE FUNCTION article_term_changes_append();

                INSERT INTO article_term_documents (term, documents)
                SELECT term, count(*) FROM articles, unnest(tsvector_to_array(search_vector)) AS term
                WHERE "Status" = 'Published' GROUP BY term
                UNION ALL SELECT '', count(*) FROM articles WHERE "Status" = 'Published';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER article_term_changes_on_insert ON articles;
                DROP TRIGGER article_term_changes_on_update ON articles;
                DROP TRIGGER article_term_changes_on_delete ON articles;
                DROP FUNCTION article_term_changes_append();
                DROP TABLE article_term_changes;
                DROP TABLE article_term_documents;
                """);
        }
    }
}
