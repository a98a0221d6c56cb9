namespace Support.Benchmarks.MachineLearning;

/// <summary>
/// `ml`: does ML.NET fit the product? Measures, in process and without servers, ML.NET's multiclass trainers against
/// Routing's <c>TextClassifier</c> on the labelled tickets (<see cref="ClassifierComparison"/>), and ML.NET's
/// <c>KMeansTrainer</c> against Analytics' hand-written <c>KMeans</c> on the customers' segment features
/// (<see cref="KMeansComparison"/>). Prints figures and asserts nothing. `ml classifier` or `ml kmeans` runs one half.
/// </summary>
public static class MlBenchmark
{
    public static int Run(string[] args)
    {
        var part = args.FirstOrDefault() ?? "all";
        if (part is not ("all" or "classifier" or "kmeans"))
        {
            Console.Error.WriteLine("usage: ml [classifier|kmeans] [--labelled PATH]");
            return 2;
        }

        if (part is "all" or "classifier")
        {
            var index = Array.IndexOf(args, "--labelled");
            var path = index >= 0 && index + 1 < args.Length ? args[index + 1] : ClassifierComparison.FindLabelledTickets();
            ClassifierComparison.Run(path);
        }
        if (part is "all" or "kmeans")
            KMeansComparison.Run();
        return 0;
    }
}
