using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Support.Routing.Classification;
using Support.Text;

namespace Support.Benchmarks.MachineLearning;

/// <summary>One labelled ticket of tests/Support.Routing.Tests/Classification/labelled-tickets.json.</summary>
public sealed record LabelledTicket(int Index, string Text, string Category, string Locale);

/// <summary>A classifier under test: trains on examples and returns its predict function (text → label).</summary>
public sealed record ClassifierCandidate(string Name, Func<IReadOnlyList<LabelledTicket>, Func<string, string>> Train);

/// <summary>
/// 5-fold cross-validation (fold = index % 5 in file order) of ML.NET's multiclass trainers over several featurisations
/// and of Routing's <see cref="TextClassifier"/>, on all the training folds and on the first 50 tickets of each category
/// within them (file order). Routing's classifier is called only through <c>TextClassifier.Train</c> and
/// <c>Predict(text).Label</c>, so the comparison can be re-run unchanged when its implementation is replaced.
/// </summary>
public static class ClassifierComparison
{
    private const int Folds = 5;
    private const int SmallPerCategory = 50;
    private const int Seed = 1;

    public static string FindLabelledTickets()
    {
        const string relative = "tests/Support.Routing.Tests/Classification/labelled-tickets.json";
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, relative)))
                return Path.Combine(directory.FullName, relative);
        throw new FileNotFoundException($"{relative} was not found above {Directory.GetCurrentDirectory()}; pass --labelled PATH.");
    }

    public static IReadOnlyList<LabelledTicket> Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return [.. json.RootElement.EnumerateArray().Select((e, i) => new LabelledTicket(i,
            TicketText.Of(e.GetProperty("subject").GetString()!, e.GetProperty("description").GetString()!),
            e.GetProperty("category").GetString()!, e.GetProperty("locale").GetString()!))];
    }

    public static void Run(string path)
    {
        var tickets = Load(path);
        var stopwatch = Stopwatch.StartNew();
        ChineseWords.Load();
        Console.WriteLine($"Classifier: {tickets.Count} tickets from {path}, {tickets.Select(t => t.Category).Distinct().Count()} categories " +
            $"({string.Join(", ", tickets.GroupBy(t => t.Locale).Select(g => $"{g.Key} {g.Count()}"))}); jieba loaded in {stopwatch.ElapsedMilliseconds} ms");
        Console.WriteLine($"  {Folds}-fold cross-validation, fold = index % {Folds}; 'small' trains on the first {SmallPerCategory} of each category in the training folds.");
        Console.WriteLine("  Figures pool the out-of-fold predictions of all folds; train = mean ms per fit (after one untimed warm-up fit), predict = mean µs per ticket.");
        Console.WriteLine();
        Console.WriteLine("| candidate | training | acc all | macro-F1 all | acc en | macro-F1 en | acc zh | macro-F1 zh | train ms/fit | predict µs/ticket |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var candidate in Candidates())
            foreach (var small in new[] { false, true })
                Console.WriteLine(Evaluate(candidate, tickets, small));
        Console.WriteLine();
    }

    private static IEnumerable<ClassifierCandidate> Candidates()
    {
        yield return new("Routing TextClassifier (this branch)", examples =>
        {
            var classifier = TextClassifier.Train([.. examples.Select(e => new LabelledText(e.Text, e.Category))]);
            return text => classifier.Predict(text).Label;
        });

        var trainers = new (string Name, Func<MLContext, IEstimator<ITransformer>> Create)[]
        {
            ("SdcaMaximumEntropy", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 })),
            ("LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 })),
            // ML.NET's defaults (L1 1, L2 1) zero most of a small set's sparse features; this is the same trainer without L1.
            ("LbfgsMaximumEntropy(L1 0, L2 0.1)", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.1f })),
            ("OneVersusAll(LinearSvm)", ml => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = 20 }))),
        };
        foreach (var (name, create) in trainers)
        {
            yield return new($"{name} · FeaturizeText(raw text)", examples => TrainOnText(examples, create, RawText));
            yield return new($"{name} · FeaturizeText(tokens: words 1-2 + chars 1-3)", examples => TrainOnText(examples, create, TokensAndChars));
            yield return new($"{name} · own TF-IDF(tokens)", examples => TrainOnTfIdf(examples, create));
        }
    }

    /// <summary>ML.NET's default featurizer on subject + description: words (split on spaces and punctuation) 1-2, char 3-grams.</summary>
    private static IEstimator<ITransformer> RawText(MLContext ml) =>
        ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
        }, nameof(TextRow.Text));

    /// <summary>Word 1-2-grams of the project's tokens (plus jieba words) and char 1-3-grams of the raw text, each L2-normalised.</summary>
    private static IEstimator<ITransformer> TokensAndChars(MLContext ml) =>
        ml.Transforms.Text.FeaturizeText("WordFeatures", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
                CharFeatureExtractor = null,
                CaseMode = TextNormalizingEstimator.CaseMode.None,
            }, nameof(TextRow.Tokens))
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = null,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
            }, nameof(TextRow.Text)))
            .Append(ml.Transforms.Concatenate("Features", "WordFeatures", "CharFeatures"));

    private static Func<string, string> TrainOnText(
        IReadOnlyList<LabelledTicket> examples, Func<MLContext, IEstimator<ITransformer>> trainer, Func<MLContext, IEstimator<ITransformer>> featurizer)
    {
        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new TextRow { Text = e.Text, Tokens = Pretokenize(e.Text), Label = e.Category }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(featurizer(ml))
            .Append(trainer(ml))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<TextRow, PredictedRow>(model);
        return text => engine.Predict(new TextRow { Text = text, Tokens = Pretokenize(text) }).PredictedLabel;
    }

    /// <summary>Sublinear TF-IDF of the project's tokens (plus jieba words), L2-normalised, as the Features column.</summary>
    private static Func<string, string> TrainOnTfIdf(IReadOnlyList<LabelledTicket> examples, Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var documents = examples.Select(e => Tokens(e.Text).CountBy(t => t).ToArray()).ToArray();
        var vocabulary = new Dictionary<string, int>();
        var documentFrequency = new List<int>();
        foreach (var document in documents)
            foreach (var (term, _) in document)
            {
                if (!vocabulary.TryGetValue(term, out var id))
                {
                    vocabulary[term] = id = vocabulary.Count;
                    documentFrequency.Add(0);
                }
                documentFrequency[id]++;
            }
        var idf = documentFrequency.Select(df => (float)(Math.Log((1.0 + documents.Length) / (1.0 + df)) + 1)).ToArray();

        float[] Vector(IEnumerable<KeyValuePair<string, int>> counts)
        {
            var vector = new float[vocabulary.Count];
            foreach (var (term, count) in counts)
                if (vocabulary.TryGetValue(term, out var id)) vector[id] = (float)(1 + Math.Log(count)) * idf[id];
            var norm = MathF.Sqrt(vector.Sum(x => x * x));
            if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
            return vector;
        }

        var ml = new MLContext(Seed);
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema[nameof(VectorRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, vocabulary.Count);
        var data = ml.Data.LoadFromEnumerable(documents.Zip(examples).Select(p => new VectorRow { Features = Vector(p.First), Label = p.Second.Category }), schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(trainer(ml))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<VectorRow, PredictedRow>(model, inputSchemaDefinition: schema);
        return text => engine.Predict(new VectorRow { Features = Vector(Tokens(text).CountBy(t => t)) }).PredictedLabel;
    }

    /// <summary>The project's tokens (Chinese bigrams, English words and stems) and jieba's words of each Chinese run.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>(TextTokenizer.Tokenize(text));
        foreach (var run in TextTokenizer.Runs(text))
            if (run.IsCjk && run.Text.Length > 1)
                tokens.AddRange(ChineseWords.Of(run.Text));
        return tokens;
    }

    private static string Pretokenize(string text) => string.Join(' ', Tokens(text));

    private static string Evaluate(ClassifierCandidate candidate, IReadOnlyList<LabelledTicket> tickets, bool small)
    {
        List<LabelledTicket> TrainingSet(int fold)
        {
            var training = tickets.Where(t => t.Index % Folds != fold).ToList();
            return small ? [.. training.GroupBy(t => t.Category).SelectMany(g => g.Take(SmallPerCategory)).OrderBy(t => t.Index)] : training;
        }

        candidate.Train(TrainingSet(0)); // warm-up: JIT and ML.NET's first-use costs are not a fit's
        var outcomes = new List<(LabelledTicket Ticket, string Predicted)>();
        double trainMs = 0, predictMs = 0;
        for (var fold = 0; fold < Folds; fold++)
        {
            var training = TrainingSet(fold);
            var stopwatch = Stopwatch.StartNew();
            var predict = candidate.Train(training);
            trainMs += stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            var heldOut = tickets.Where(t => t.Index % Folds == fold).ToList();
            foreach (var ticket in heldOut) outcomes.Add((ticket, predict(ticket.Text)));
            predictMs += stopwatch.Elapsed.TotalMilliseconds;
        }

        string Scores(Func<LabelledTicket, bool> where)
        {
            var subset = outcomes.Where(o => where(o.Ticket)).Select(o => (o.Ticket.Category, o.Predicted)).ToList();
            return $"{Accuracy(subset):0.000} | {MacroF1(subset):0.000}";
        }

        var trainingSize = small ? $"{SmallPerCategory}/category ({TrainingSet(0).Count})" : $"all ({TrainingSet(0).Count})";
        return $"| {candidate.Name} | {trainingSize} | {Scores(_ => true)} | {Scores(t => t.Locale == "en")} | {Scores(t => t.Locale != "en")} | " +
            $"{trainMs / Folds:0} | {predictMs * 1000 / outcomes.Count:0} |";
    }

    public static double Accuracy(IReadOnlyList<(string Actual, string Predicted)> outcomes) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(o => o.Actual == o.Predicted) / outcomes.Count;

    /// <summary>The mean F1 over the labels that occur as actual or predicted (as Routing's ClassifierEvaluation scores it).</summary>
    public static double MacroF1(IReadOnlyList<(string Actual, string Predicted)> outcomes)
    {
        var labels = outcomes.SelectMany(o => new[] { o.Actual, o.Predicted }).Distinct().ToList();
        if (labels.Count == 0) return 0;
        return labels.Average(label =>
        {
            var truePositives = outcomes.Count(o => o.Actual == label && o.Predicted == label);
            var predicted = outcomes.Count(o => o.Predicted == label);
            var actual = outcomes.Count(o => o.Actual == label);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = actual == 0 ? 0 : (double)truePositives / actual;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        });
    }

    public sealed class TextRow
    {
        public string Text { get; set; } = "";
        public string Tokens { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class VectorRow
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    public sealed class PredictedRow
    {
        public string PredictedLabel { get; set; } = "";
    }
}
