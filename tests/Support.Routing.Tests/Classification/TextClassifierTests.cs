using Support.Routing.Classification;

namespace Support.Routing.Tests.Classification;

public class TextClassifierTests
{
    private static readonly LabelledText[] Fruit =
    [
        new("apple banana apple", "fruit"), new("banana cherry", "fruit"), new("cherry apple pear", "fruit"),
        new("carrot potato", "vegetable"), new("potato onion carrot", "vegetable"), new("onion leek", "vegetable"),
        new("苹果 香蕉", "fruit"), new("土豆 洋葱", "vegetable"),
    ];

    private static TextClassifier Train(string kind, IReadOnlyList<LabelledText> examples) => kind switch
    {
        NaiveBayesClassifier.Kind => NaiveBayesClassifier.Train(examples),
        LogisticRegressionClassifier.Kind => LogisticRegressionClassifier.Train(examples),
        _ => throw new ArgumentException(kind),
    };

    public static TheoryData<string> Kinds => [NaiveBayesClassifier.Kind, LogisticRegressionClassifier.Kind];

    public static TheoryData<string, string, string> ObviousCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var kind in new[] { NaiveBayesClassifier.Kind, LogisticRegressionClassifier.Kind })
            foreach (var (text, label) in new[]
            {
                ("an apple and a pear", "fruit"), ("leek and potato soup", "vegetable"), ("我想买香蕉", "fruit"), ("洋葱炒土豆", "vegetable"),
                ("banana 和 苹果", "fruit"),
            })
                cases.Add(kind, text, label);
        return cases;
    }

    [Theory]
    [MemberData(nameof(ObviousCases))]
    public void Learns_an_obvious_set(string kind, string text, string label)
    {
        var prediction = Train(kind, Fruit).Predict(text);

        Assert.Equal(label, prediction.Label);
        Assert.InRange(prediction.Confidence, 0.5, 1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Labels_are_those_of_the_examples_in_ordinal_order(string kind)
    {
        Assert.Equal(["fruit", "vegetable"], Train(kind, Fruit).Labels);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Confidence_is_a_probability_that_grows_with_evidence(string kind)
    {
        var model = Train(kind, Fruit);

        var weak = model.Predict("apple onion carrot");
        var strong = model.Predict("carrot onion potato leek");

        Assert.Equal("vegetable", strong.Label);
        Assert.InRange(weak.Confidence, 0.5, 1);
        Assert.True(strong.Confidence > weak.Confidence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zebra giraffe")]
    [InlineData("!!!")]
    public void Text_without_known_words_gets_the_prior(string text)
    {
        var model = NaiveBayesClassifier.Train([.. Fruit, new("plum", "fruit")]);

        Assert.Equal(new Prediction("fruit", 5.0 / 9), model.Predict(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("zebra giraffe")]
    public void Logistic_regression_gives_text_without_known_words_the_more_common_label(string text)
    {
        var model = LogisticRegressionClassifier.Train([.. Fruit, new("plum", "fruit")]);

        var prediction = model.Predict(text);
        Assert.Equal("fruit", prediction.Label);
        Assert.InRange(prediction.Confidence, 0.5, 0.8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_serialized_model_predicts_exactly_as_the_original(string kind)
    {
        var model = Train(kind, [.. LabelledTickets.Training.Select(t => new LabelledText(t.Text, t.Category))]);

        var copy = TextClassifier.Deserialize(model.Serialize());

        Assert.Equal(model.GetType(), copy.GetType());
        Assert.Equal(model.Labels, copy.Labels);
        foreach (var ticket in LabelledTickets.HeldOut)
            Assert.Equal(model.Predict(ticket.Text), copy.Predict(ticket.Text));
        Assert.Equal(model.Serialize(), copy.Serialize());
    }

    /// <summary>A category model as the service stored it before logistic regression: naive Bayes JSON without a kind.</summary>
    [Fact]
    public void A_model_stored_before_there_were_two_kinds_still_loads_as_naive_Bayes()
    {
        const string stored = """
            {"labels":["fruit","vegetable"],"documents":[1,1],"terms":{"apple":[1.2876821,1,0],"carrot":[1.6931472,0,1]},"scale":1}
            """;

        var model = TextClassifier.Deserialize(stored);

        Assert.IsType<NaiveBayesClassifier>(model);
        Assert.Equal("fruit", model.Predict("apple").Label);
        Assert.Equal("vegetable", model.Predict("carrot").Label);
        Assert.Throws<FormatException>(() => TextClassifier.Deserialize("""{"kind":"neural","labels":["a","b"]}"""));
        Assert.Throws<FormatException>(() => TextClassifier.Deserialize("not json"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Training_needs_two_labels(string kind)
    {
        Assert.Throws<ArgumentException>(() => Train(kind, []));
        Assert.Throws<ArgumentException>(() => Train(kind, [new("apple", "fruit"), new("pear", "fruit")]));
    }

    [Fact]
    public void Logistic_regression_is_deterministic()
    {
        LabelledText[] examples = [.. LabelledTickets.Training.Take(200).Select(t => new LabelledText(t.Text, t.Category))];

        Assert.Equal(LogisticRegressionClassifier.Train(examples).Serialize(), LogisticRegressionClassifier.Train(examples).Serialize());
    }

    [Fact]
    public void Concurrent_predictions_agree_with_sequential_ones()
    {
        var model = LabelledTicketsTests.CategoryModel;
        var texts = LabelledTickets.HeldOut.Select(t => t.Text).ToArray();
        var expected = texts.Select(model.Predict).ToArray();

        var actual = new Prediction[texts.Length];
        Parallel.For(0, texts.Length * 20, i => actual[i % texts.Length] = model.Predict(texts[i % texts.Length]));

        Assert.Equal(expected, actual);
    }
}
