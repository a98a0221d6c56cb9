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

    [Theory]
    [InlineData("an apple and a pear", "fruit")]
    [InlineData("leek and potato soup", "vegetable")]
    [InlineData("我想买香蕉", "fruit")]
    [InlineData("洋葱炒土豆", "vegetable")]
    [InlineData("banana 和 苹果", "fruit")]
    public void Learns_an_obvious_set(string text, string label)
    {
        var prediction = TextClassifier.Train(Fruit).Predict(text);

        Assert.Equal(label, prediction.Label);
        Assert.InRange(prediction.Confidence, 0.5, 1);
    }

    [Fact]
    public void Labels_are_those_of_the_examples_in_ordinal_order()
    {
        Assert.Equal(["fruit", "vegetable"], TextClassifier.Train(Fruit).Labels);
    }

    [Fact]
    public void Confidence_is_a_probability_that_grows_with_evidence()
    {
        var model = TextClassifier.Train(Fruit);

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
        var model = TextClassifier.Train([.. Fruit, new("plum", "fruit")]);

        Assert.Equal(new Prediction("fruit", 5.0 / 9), model.Predict(text));
    }

    [Fact]
    public void A_serialized_model_predicts_exactly_as_the_original()
    {
        var model = LabelledTicketsTests.CategoryModel;

        var copy = TextClassifier.Deserialize(model.Serialize());

        Assert.Equal(model.Labels, copy.Labels);
        foreach (var ticket in LabelledTickets.HeldOut)
            Assert.Equal(model.Predict(ticket.Text), copy.Predict(ticket.Text));
        Assert.Equal(model.Serialize(), copy.Serialize());
    }

    [Fact]
    public void Training_needs_two_labels()
    {
        Assert.Throws<ArgumentException>(() => TextClassifier.Train([]));
        Assert.Throws<ArgumentException>(() => TextClassifier.Train([new("apple", "fruit"), new("pear", "fruit")]));
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
