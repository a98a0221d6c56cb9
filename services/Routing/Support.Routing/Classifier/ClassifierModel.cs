namespace Support.Routing.Classifier;

/// <summary>A trained model (category and priority), with its evaluation on examples it never saw.</summary>
public class ClassifierModel
{
    public int Version { get; set; }
    public DateTimeOffset TrainedAt { get; set; }
    public int TrainingExamples { get; set; }
    public int HeldOutExamples { get; set; }
    public string CategoryModel { get; set; } = "";
    public string? PriorityModel { get; set; }
    public string Evaluation { get; set; } = "";
}
