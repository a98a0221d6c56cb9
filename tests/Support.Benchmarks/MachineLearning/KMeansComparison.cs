using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Support.Analytics.Segments;

namespace Support.Benchmarks.MachineLearning;

/// <summary>
/// Analytics' hand-written <see cref="KMeans"/> (k-means++, best of 5 restarts by inertia, seed 42 in production)
/// against ML.NET's <see cref="KMeansTrainer"/> (KMeansPlusPlus initialisation, one thread) on the same standardised
/// segment features, k = 2..10, both scored by the same <see cref="KMeans.Silhouette"/>.
/// </summary>
public static class KMeansComparison
{
    private const int MaxK = 10;
    private static readonly int[] Seeds = [1, 2, 3, 4, 5];

    public static void Run()
    {
        foreach (var data in new[] { SegmentFeatures.SegmentsFixture(), SegmentFeatures.Generated() })
            Compare(data);
    }

    private static void Compare(SegmentData data)
    {
        var points = KMeans.Standardise(data.Features).Standardised;
        var maxK = Math.Min(MaxK, points.Length - 1);
        Console.WriteLine($"k-means: {data.Name}: {points.Length} customers × {points[0].Length} standardised features");
        Console.WriteLine("  hand = Analytics' KMeans.Cluster (best of 5 k-means++ runs by inertia); seed 42 as production, and the mean over seeds 1-5.");
        Console.WriteLine("  ML.NET = KMeansTrainer (KMeansPlusPlus, NumberOfThreads 1, MLContext(seed)), seeds 1-5: mean [min, max], and the best of the 5 by inertia (like hand's restarts).");
        Console.WriteLine("  Silhouettes by KMeans.Silhouette for both; 'empty' counts ML.NET fits that left a cluster empty; 'same' = the same seed twice gave the same assignments.");
        Console.WriteLine();
        Console.WriteLine("  Times: hand ms/fit excludes the silhouette KMeans.Cluster computes (timed apart, 'silhouette ms'); ML.NET ms/fit is one run");
        Console.WriteLine("  (MLContext, data view, Fit, Transform), so five runs cost 5×; one untimed warm-up fit of each first.");
        Console.WriteLine();
        Console.WriteLine("| k | hand seed 42 | hand mean s1-5 | hand ms/fit | ML.NET mean [min, max] | ML.NET best-of-5 | ML.NET ms/run | silhouette ms | empty | same |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

        KMeans.Cluster(points, 2, seed: 42);
        FitMlNet(points, 2, 42);
        var chosenHand = (K: 0, Silhouette: double.NegativeInfinity);
        var chosenMl = (K: 0, Silhouette: double.NegativeInfinity);
        var chosenMlBest = (K: 0, Silhouette: double.NegativeInfinity);
        var mlDeterministic = true;
        for (var k = 2; k <= maxK; k++)
        {
            var stopwatch = Stopwatch.StartNew();
            var hand42 = KMeans.Cluster(points, k, seed: 42);
            var handMs = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            KMeans.Silhouette(points, hand42.Assignments, k);
            var silhouetteMs = stopwatch.Elapsed.TotalMilliseconds;
            handMs -= silhouetteMs;
            var handSeeds = Seeds.Select(seed => KMeans.Cluster(points, k, seed: seed).Silhouette).ToArray();
            if (hand42.Silhouette > chosenHand.Silhouette) chosenHand = (k, hand42.Silhouette);

            var ml = new List<(int[] Assignments, double Inertia, double Silhouette, double Ms)>();
            var empty = 0;
            foreach (var seed in Seeds)
            {
                stopwatch.Restart();
                var assignments = FitMlNet(points, k, seed);
                var ms = stopwatch.Elapsed.TotalMilliseconds;
                if (assignments.Distinct().Count() < k) empty++;
                ml.Add((assignments, Inertia(points, assignments, k), KMeans.Silhouette(points, assignments, k), ms));
            }
            var same = FitMlNet(points, k, Seeds[0]).SequenceEqual(ml[0].Assignments);
            mlDeterministic &= same;
            var best = ml.MinBy(r => r.Inertia);
            if (ml[0].Silhouette > chosenMl.Silhouette) chosenMl = (k, ml[0].Silhouette);
            if (best.Silhouette > chosenMlBest.Silhouette) chosenMlBest = (k, best.Silhouette);

            Console.WriteLine($"| {k} | {hand42.Silhouette:0.0000} | {handSeeds.Average():0.0000} | {handMs:0.0} | " +
                $"{ml.Average(r => r.Silhouette):0.0000} [{ml.Min(r => r.Silhouette):0.0000}, {ml.Max(r => r.Silhouette):0.0000}] | " +
                $"{best.Silhouette:0.0000} | {ml.Average(r => r.Ms):0.0} | {silhouetteMs:0.0} | {empty} | {(same ? "yes" : "NO")} |");
        }
        Console.WriteLine();
        Console.WriteLine($"  k chosen by silhouette (2..{maxK}): hand (seed 42) k = {chosenHand.K}, silhouette {chosenHand.Silhouette:0.0000}; " +
            $"ML.NET one run (seed {Seeds[0]}) k = {chosenMl.K}, silhouette {chosenMl.Silhouette:0.0000}; " +
            $"ML.NET best-of-5 k = {chosenMlBest.K}, silhouette {chosenMlBest.Silhouette:0.0000}; ML.NET repeatable with a seed: {(mlDeterministic ? "yes" : "NO")}");
        Console.WriteLine();
    }

    /// <summary>One ML.NET k-means fit; each point's cluster 0..k-1 (PredictedLabel is 1-based).</summary>
    private static int[] FitMlNet(double[][] points, int k, int seed)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(PointRow));
        schema[nameof(PointRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, points[0].Length);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new PointRow { Features = [.. p.Select(x => (float)x)] }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(PointRow.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 100,
        });
        var model = trainer.Fit(data);
        return [.. ml.Data.CreateEnumerable<ClusterRow>(model.Transform(data), reuseRowObject: false).Select(r => (int)r.PredictedLabel - 1)];
    }

    private static double Inertia(double[][] points, int[] assignments, int k)
    {
        var dimensions = points[0].Length;
        var sums = new double[k, dimensions];
        var sizes = new int[k];
        for (var i = 0; i < points.Length; i++)
        {
            sizes[assignments[i]]++;
            for (var d = 0; d < dimensions; d++) sums[assignments[i], d] += points[i][d];
        }
        double inertia = 0;
        for (var i = 0; i < points.Length; i++)
            for (var d = 0; d < dimensions; d++)
            {
                var difference = points[i][d] - sums[assignments[i], d] / sizes[assignments[i]];
                inertia += difference * difference;
            }
        return inertia;
    }

    public sealed class PointRow
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class ClusterRow
    {
        public uint PredictedLabel { get; set; }
    }
}
