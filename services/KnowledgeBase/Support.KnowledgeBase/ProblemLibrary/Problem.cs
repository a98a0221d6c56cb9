using Support.Hosting.Data;

namespace Support.KnowledgeBase.ProblemLibrary;

/// <summary>A known problem: the symptoms customers report, what solves it, and the article that explains it.</summary>
public class Problem : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int SymptomMaxLength = 200;
    public const int MaxSymptoms = 20;
    public const int SolutionMaxLength = 4000;

    public int Id { get; set; }
    public required string Title { get; set; }
    public List<string> Symptoms { get; set; } = [];
    public required string Solution { get; set; }
    public int? ArticleId { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
