using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleSearchVectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // What ranking reads, apart from the articles: at 100,000 articles, reading each candidate's vector out of
            // the articles' TOAST storage (rows of about 7 KB) was PostgreSQL's largest cost in search and suggestions.
            // One row per published article, kept by a trigger in the article's own transaction, with the vector inline
            // (toast_tuple_target at its maximum, storage main) and without its one-character lexemes: single Chinese
            // characters are a third of a Chinese vector and only a one-character query looks for them; such queries
            // still search the articles' full vectors. vector_length is the full vector's length, which ts_rank's
            // length normalisation divides by, so ranking here gives exactly the rank the full vector gives.
            migrationBuilder.Sql("""
                CREATE FUNCTION article_search_lexemes(vector tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT ts_delete(vector, ARRAY(SELECT lexeme FROM unnest(tsvector_to_array(vector)) AS lexeme WHERE char_length(lexeme) = 1)) $$;
                CREATE FUNCTION article_search_length(vector tsvector) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::integer FROM unnest(vector) $$;

                CREATE TABLE article_search_vectors (
                    article_id integer PRIMARY KEY,
                    locale varchar(20) NOT NULL,
                    category_id integer,
                    vector_length integer NOT NULL,
                    search_vector tsvector NOT NULL
                ) WITH (toast_tuple_target = 8160);
                ALTER TABLE article_search_vectors ALTER search_vector SET STORAGE MAIN;

                CREATE FUNCTION article_search_vectors_sync() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' OR NEW."Status" <> 'Published' THEN
                        DELETE FROM article_search_vectors WHERE article_id = OLD."Id";
                    ELSE
                        INSERT INTO article_search_vectors (article_id, locale, category_id, vector_length, search_vector)
                        VALUES (NEW."Id", NEW."Locale", NEW."CategoryId", article_search_length(NEW.search_vector), article_search_lexemes(NEW.search_vector))
                        ON CONFLICT (article_id) DO UPDATE SET locale = excluded.locale, category_id = excluded.category_id,
                            vector_length = excluded.vector_length, search_vector = excluded.search_vector;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER article_search_vectors_on_insert AFTER INSERT ON articles
                    FOR EACH ROW WHEN (NEW."Status" = 'Published') EXECUTE FUNCTION article_search_vectors_sync();
                CREATE TRIGGER article_search_vectors_on_update AFTER UPDATE ON articles
                    FOR EACH ROW WHEN (OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD.search_vector IS DISTINCT FROM NEW.search_vector
                        OR OLD."Locale" IS DISTINCT FROM NEW."Locale" OR OLD."CategoryId" IS DISTINCT FROM NEW."CategoryId")
                    EXECUTE FUNCTION article_search_vectors_sync();
                CREATE TRIGGER article_search_vectors_on_delete AFTER DELETE ON articles
                    FOR EACH ROW WHEN (OLD."Status" = 'Published') EXECUTE FUNCTION article_search_vectors_sync();
                """);

            // The published articles, in parts: each statement has the command timeout (30 s) to itself, and 100,000
            // articles take about 15 s in all on two cores. The index is built once the rows are in, without a pending
            // list (fastupdate): every search would scan the articles written since the last vacuum one by one.
            const int parts = 4;
            for (var part = 0; part < parts; part++)
                migrationBuilder.Sql($"""
                    INSERT INTO article_search_vectors (article_id, locale, category_id, vector_length, search_vector)
                    SELECT "Id", "Locale", "CategoryId", article_search_length(search_vector), article_search_lexemes(search_vector)
                    FROM articles WHERE "Status" = 'Published' AND "Id" % {parts} = {part} ORDER BY "Id";
                    """);
            migrationBuilder.Sql("CREATE INDEX ix_article_search_vectors_search_vector ON article_search_vectors USING gin (search_vector) WITH (fastupdate = off);");
            migrationBuilder.Sql("ANALYZE article_search_vectors;");
            // The articles' own index now serves one-character queries only; the same reason to drop its pending list.
            migrationBuilder.Sql("""ALTER INDEX "IX_articles_search_vector" SET (fastupdate = off); SELECT gin_clean_pending_list('"IX_articles_search_vector"');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX "IX_articles_search_vector" RESET (fastupdate);
                DROP TRIGGER article_search_vectors_on_insert ON articles;
                DROP TRIGGER article_search_vectors_on_update ON articles;
                DROP TRIGGER article_search_vectors_on_delete ON articles;
                DROP FUNCTION article_search_vectors_sync();
                DROP TABLE article_search_vectors;
                DROP FUNCTION article_search_length(tsvector);
                DROP FUNCTION article_search_lexemes(tsvector);
                """);
        }
    }
}
