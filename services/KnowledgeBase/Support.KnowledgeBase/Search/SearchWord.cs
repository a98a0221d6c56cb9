namespace Support.KnowledgeBase.Search;

/// <summary>A word seen in a published article, before stemming: the vocabulary misspelt query words are corrected to.</summary>
public class SearchWord
{
    public const int MaxLength = 40;

    public required string Word { get; set; }
}
