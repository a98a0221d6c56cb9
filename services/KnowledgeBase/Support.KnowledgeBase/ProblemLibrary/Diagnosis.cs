using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.ProblemLibrary;

public record MatchedSymptom(string Symptom, double Score, string MatchedBy);

public record ProblemMatch(Problem Problem, IReadOnlyList<MatchedSymptom> Matched, double Score);

/// <summary>
/// Matches reported symptoms against the problem library. A known symptom matches when at least half of its terms
/// (stems, Chinese bigrams) appear in one reported symptom, or in the free text; its score is that share. Problems
/// rank by how many of their symptoms match, then by how well.
/// </summary>
public static class Diagnosis
{
    public const double MinSymptomScore = 0.5;

    public static IReadOnlyList<ProblemMatch> Rank(IEnumerable<Problem> problems, IReadOnlyList<string> reported)
    {
        var reportedTerms = reported.Select(r => (Text: r, Terms: SearchTerms.ForQuery(r).ToHashSet())).Where(r => r.Terms.Count > 0).ToList();
        var matches = new List<ProblemMatch>();
        foreach (var problem in problems)
        {
            var matched = new List<MatchedSymptom>();
            foreach (var symptom in problem.Symptoms)
            {
                var terms = SearchTerms.ForQuery(symptom);
                if (terms.Count == 0) continue;
                var best = reportedTerms
                    .Select(r => (r.Text, Score: (double)terms.Count(r.Terms.Contains) / terms.Count))
                    .MaxBy(r => r.Score);
                if (best.Text is not null && best.Score >= MinSymptomScore)
                    matched.Add(new MatchedSymptom(symptom, Math.Round(best.Score, 3), best.Text));
            }
            if (matched.Count > 0)
                matches.Add(new ProblemMatch(problem, matched, Math.Round(matched.Sum(m => m.Score) / Math.Max(problem.Symptoms.Count, 1), 3)));
        }
        return matches.OrderByDescending(m => m.Matched.Count).ThenByDescending(m => m.Matched.Average(s => s.Score))
            .ThenByDescending(m => m.Score).ThenBy(m => m.Problem.Id).ToList();
    }
}
