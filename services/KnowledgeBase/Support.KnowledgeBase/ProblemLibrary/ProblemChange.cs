using Support.Hosting.Http;

namespace Support.KnowledgeBase.ProblemLibrary;

/// <summary>The fields a PATCH of a known problem may change, read from its body: null clears the article.</summary>
public sealed record ProblemChange(Optional<string> Title, Optional<List<string>> Symptoms, Optional<string> Solution, Optional<int?> ArticleId)
{
    public static ProblemChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var title = patch.Field<string>("title");
        var rawSymptoms = patch.Field<List<string>>("symptoms");
        var solution = patch.Field<string>("solution");
        var articleId = patch.Field<int?>("articleId", nullable: true);
        if (title.IsSet) errors.Required("title", title.Value, Problem.TitleMaxLength);
        if (solution.IsSet) errors.Required("solution", solution.Value, Problem.SolutionMaxLength);
        var symptoms = rawSymptoms.IsSet ? new Optional<List<string>>(true, ProblemsApi.ReadSymptoms(rawSymptoms.Value, errors)) : default;
        return new ProblemChange(title, symptoms, solution, articleId);
    }

    public bool ApplyTo(Problem problem)
    {
        var changed = false;
        if (Title.IsSet && problem.Title != Title.Value!.Trim()) { problem.Title = Title.Value.Trim(); changed = true; }
        if (Symptoms.IsSet && !problem.Symptoms.SequenceEqual(Symptoms.Value!)) { problem.Symptoms = Symptoms.Value!; changed = true; }
        if (Solution.IsSet && problem.Solution != Solution.Value!.Trim()) { problem.Solution = Solution.Value.Trim(); changed = true; }
        if (ArticleId.IsSet && problem.ArticleId != ArticleId.Value) { problem.ArticleId = ArticleId.Value; changed = true; }
        return changed;
    }
}
