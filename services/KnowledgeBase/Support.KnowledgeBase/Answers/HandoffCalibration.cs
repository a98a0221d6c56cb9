namespace Support.KnowledgeBase.Answers;

/// <summary>
/// A hand-off model fitted to the shipped labelled questions and the askers' feedback, with the share of answered and
/// unanswered questions among them it hands off; the newest is used (version 0: the shipped questions alone).
/// </summary>
public class HandoffCalibration
{
    public int Version { get; set; }
    public DateTimeOffset? FittedAt { get; set; }
    public int LabelledQuestions { get; set; }
    public int FeedbackAnswers { get; set; }
    public double AnsweredHandedOff { get; set; }
    public double UnansweredHandedOff { get; set; }
    public required HandoffModel Model { get; set; }

    public static HandoffCalibration Fit(IReadOnlyList<LabelledEvidence> labelled, IReadOnlyList<LabelledEvidence> feedback, double handoffShare, DateTimeOffset? now)
    {
        List<LabelledEvidence> all = [.. labelled, .. feedback];
        var model = HandoffModel.Fit(all, handoffShare);
        double HandedOff(bool answered) => all.Where(e => e.Answered == answered).Average(e => model.HandsOff(model.Probability(e.Evidence)) ? 1.0 : 0);
        return new HandoffCalibration
        {
            FittedAt = now, LabelledQuestions = labelled.Count, FeedbackAnswers = feedback.Count, Model = model,
            AnsweredHandedOff = Math.Round(HandedOff(true), 4), UnansweredHandedOff = Math.Round(HandedOff(false), 4),
        };
    }
}
