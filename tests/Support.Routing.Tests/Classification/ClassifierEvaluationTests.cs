using Support.Routing.Classification;

namespace Support.Routing.Tests.Classification;

public class ClassifierEvaluationTests
{
    [Fact]
    public void Scores_a_hand_made_confusion()
    {
        // actual a: 3 right, 1 predicted b;  actual b: 2 right, 1 predicted a, 1 predicted c;  actual c: 1 right.
        (string, string)[] outcomes =
        [
            ("a", "a"), ("a", "a"), ("a", "a"), ("a", "b"),
            ("b", "b"), ("b", "b"), ("b", "a"), ("b", "c"),
            ("c", "c"),
        ];

        var evaluation = ClassifierEvaluation.Of(outcomes);

        Assert.Equal(9, evaluation.Examples);
        Assert.Equal(["a", "b", "c"], evaluation.Labels);
        Assert.Equal([[3, 1, 0], [1, 2, 1], [0, 0, 1]], evaluation.ConfusionMatrix);
        Assert.Equal(6.0 / 9, evaluation.Accuracy, 12);

        // a: P = 3/4, R = 3/4, F1 = 3/4.  b: P = 2/3, R = 2/4, F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7.  c: P = 1/2, R = 1, F1 = 2/3.
        AssertScore(evaluation.Categories[0], "a", 3.0 / 4, 3.0 / 4, 3.0 / 4, 4);
        AssertScore(evaluation.Categories[1], "b", 2.0 / 3, 1.0 / 2, 4.0 / 7, 4);
        AssertScore(evaluation.Categories[2], "c", 1.0 / 2, 1.0, 2.0 / 3, 1);
        Assert.Equal((3.0 / 4 + 4.0 / 7 + 2.0 / 3) / 3, evaluation.MacroF1, 12);
    }

    [Fact]
    public void A_label_never_predicted_has_zero_precision_and_F1()
    {
        var evaluation = ClassifierEvaluation.Of([("a", "a"), ("b", "a")]);

        AssertScore(evaluation.Categories[1], "b", 0, 0, 0, 1);
        Assert.Equal(0.5, evaluation.Accuracy);
        Assert.Equal((2.0 / 3 + 0) / 2, evaluation.MacroF1, 12);
    }

    [Fact]
    public void Evaluates_a_model_on_held_out_text()
    {
        var model = TextClassifier.Train([new("apple pear", "fruit"), new("carrot leek", "vegetable")]);

        var evaluation = ClassifierEvaluation.Of(model, [new("pear", "fruit"), new("leek", "vegetable"), new("apple", "vegetable")]);

        Assert.Equal([[1, 0], [1, 1]], evaluation.ConfusionMatrix);
        Assert.Equal(2.0 / 3, evaluation.Accuracy, 12);
    }

    [Fact]
    public void Nothing_to_evaluate_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => ClassifierEvaluation.Of([]));
    }

    private static void AssertScore(CategoryScore score, string category, double precision, double recall, double f1, int support)
    {
        Assert.Equal(category, score.Category);
        Assert.Equal(precision, score.Precision, 12);
        Assert.Equal(recall, score.Recall, 12);
        Assert.Equal(f1, score.F1, 12);
        Assert.Equal(support, score.Support);
    }
}
