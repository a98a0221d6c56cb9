using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Tests.Search;

/// <summary>What the index and its queries are made of: the same on PostgreSQL and SQLite, so tested once here.</summary>
public sealed class SearchTermsTests
{
    private static string[] Index(string text) => SearchTerms.ForIndex(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // ---------------------------------------------------------------- index terms

    [Fact]
    public void Chinese_is_indexed_as_every_character_and_every_pair_of_neighbouring_characters()
    {
        Assert.Equal("如 如何 何 何申 申 申请 请 请退 退 退款 款", SearchTerms.ForIndex("如何申请退款"));
        Assert.Equal("退", SearchTerms.ForIndex("退"));
        // Punctuation ends a run: no pair spans "，".
        Assert.Equal(["退", "退款", "款", "到", "到账", "账"], Index("退款，到账"));
    }

    [Fact]
    public void English_is_indexed_lowercased_and_stemmed_without_stop_words_each_occurrence_counting()
    {
        Assert.Equal("refund refund card", SearchTerms.ForIndex("The Refunds were REFUNDED to the card"));
        Assert.Equal(["subscript", "invoic", "password"], Index("Your subscription's invoices and passwords"));
    }

    [Fact]
    public void Mixed_text_yields_both_kinds_of_term_and_digits_are_terms()
    {
        Assert.Equal(["api", "接", "接口", "口", "口返", "返", "返回", "回", "404"], Index("API接口返回404"));
        Assert.Equal(["api", "接", "接口", "口", "404"], Index("API 接口 404"));
    }

    [Fact]
    public void Full_width_letters_typed_by_a_Chinese_input_method_index_as_ASCII()
    {
        Assert.Equal(["api", "404"], Index("ＡＰＩ ４０４"));
    }

    [Fact]
    public void Empty_text_stop_words_and_overlong_tokens_index_nothing()
    {
        Assert.Equal("", SearchTerms.ForIndex(null));
        Assert.Equal("", SearchTerms.ForIndex(""));
        Assert.Equal("", SearchTerms.ForIndex("How do I ... the? (to)"));
        Assert.Equal("login", SearchTerms.ForIndex($"{new string('x', SearchTerms.MaxTermLength + 1)} login"));
    }

    // ---------------------------------------------------------------- query terms

    [Fact]
    public void A_Chinese_query_is_its_pairs_of_characters_and_a_lone_character_is_itself()
    {
        Assert.Equal(["如何", "何申", "申请", "请退", "退款"], SearchTerms.ForQuery("如何申请退款"));
        Assert.Equal(["退"], SearchTerms.ForQuery("退"));
        Assert.Equal(["退款", "退"], SearchTerms.ForQuery("退款 退 退款"));
    }

    [Fact]
    public void An_English_query_is_its_distinct_stems_without_stop_words()
    {
        Assert.Equal(["track", "refund", "order"], SearchTerms.ForQuery("How do I track the refunds for THE refunded orders?"));
        Assert.Empty(SearchTerms.ForQuery("how"));
        Assert.Empty(SearchTerms.ForQuery("the"));
        Assert.Empty(SearchTerms.ForQuery("How to do the ... ?"));
        Assert.Equal(["api", "接口", "404"], SearchTerms.ForQuery("API 接口 404"));
    }

    [Fact]
    public void Corrections_replace_a_misspelt_word_by_the_corrected_words_stem()
    {
        var corrections = new Dictionary<string, string> { ["pasword"] = "password", ["subscripton"] = "subscriptions", ["invoce"] = "invoice" };
        Assert.Equal(["reset", "password"], SearchTerms.ForQuery("Reset PASWORD", corrections));
        Assert.Equal(["subscript", "invoic"], SearchTerms.ForQuery("subscripton invoce", corrections));
        Assert.Equal(["pasword"], SearchTerms.ForQuery("pasword")); // no corrections: the word as typed
    }

    [Theory]
    [InlineData("如何申请退款")]
    [InlineData("API 接口返回 404 错误")]
    [InlineData("How do refunds work for cancelled subscriptions?")]
    [InlineData("退款 refund 退")]
    public void Every_query_term_of_a_text_is_one_of_its_index_terms_so_a_text_always_finds_itself(string text)
    {
        var index = Index(text).ToHashSet();
        Assert.All(SearchTerms.ForQuery(text), term => Assert.Contains(term, index));
    }

    // ---------------------------------------------------------------- words and word terms

    [Fact]
    public void The_correctable_words_are_distinct_lowercase_ASCII_letter_words_of_3_to_40_letters_without_stop_words()
    {
        Assert.Equal(["password", "passwords", "api"],
            SearchTerms.Words($"The Password, PASSWORDS, password! 404 ab v2 退款 café API {new string('y', 41)}"));
        Assert.Empty(SearchTerms.Words(null));
        Assert.Empty(SearchTerms.Words("how the and"));
    }

    [Fact]
    public void A_word_term_is_the_stem_or_null_for_a_stop_word_or_an_overlong_token()
    {
        Assert.Equal("refund", SearchTerms.WordTerm("refunding"));
        Assert.Equal("subscript", SearchTerms.WordTerm("subscriptions"));
        Assert.Null(SearchTerms.WordTerm("the"));
        Assert.Null(SearchTerms.WordTerm("how"));
        Assert.Null(SearchTerms.WordTerm(new string('a', SearchTerms.MaxTermLength + 1)));
    }
}
