using Support.Analytics.Segments;

namespace Support.Analytics.Tests.Segments;

public sealed class KMeansTests
{
    private static readonly (double X, double Y)[] BlobCentres = [(0, 0), (10, 0), (5, 8)];
    private const int PerBlob = 60;

    /// <summary>Three well-separated 2-D gaussian blobs (sd 0.8), blob b's points at b * PerBlob .. (b + 1) * PerBlob - 1.</summary>
    private static double[][] Blobs(int seed = 1)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return BlobCentres.SelectMany(c => Enumerable.Range(0, PerBlob).Select(_ => new[] { c.X + 0.8 * Gaussian(), c.Y + 0.8 * Gaussian() })).ToArray();
    }

    [Fact]
    public void Three_separated_blobs_each_get_a_cluster_of_their_own()
    {
        var points = Blobs();
        var clustering = KMeans.Cluster(points, 3);

        Assert.Equal(3, clustering.K);
        Assert.Equal(points.Length, clustering.Assignments.Count);
        var blobClusters = Enumerable.Range(0, 3).Select(b => clustering.Assignments.Skip(b * PerBlob).Take(PerBlob).Distinct().Single()).ToArray();
        Assert.Equal(3, blobClusters.Distinct().Count());
        // clusters are numbered by centroid, first coordinate first: (0,0) -> 0, (5,8) -> 1, (10,0) -> 2
        Assert.Equal([0, 2, 1], blobClusters);
        for (var b = 0; b < 3; b++)
        {
            Assert.Equal(BlobCentres[b].X, clustering.Centroids[blobClusters[b]][0], 0.5);
            Assert.Equal(BlobCentres[b].Y, clustering.Centroids[blobClusters[b]][1], 0.5);
        }
        Assert.True(clustering.Silhouette > 0.8, $"silhouette {clustering.Silhouette}");
    }

    [Fact]
    public void ChooseK_picks_three_for_three_blobs()
    {
        var clustering = KMeans.ChooseK(KMeans.Standardise(Blobs(2)).Standardised);
        Assert.Equal(3, clustering.K);
    }

    /// <summary>Choosing k for 20,000 points takes many seconds of silhouettes; a request given up after 100 ms stops it.</summary>
    [Fact]
    public void Choosing_k_stops_when_cancelled()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 20_000).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        using var givenUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => KMeans.ChooseK(points, cancellationToken: givenUp.Token));
    }

    [Fact]
    public void The_same_seed_gives_the_same_clustering()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();

        var first = KMeans.Cluster(points, 5, seed: 11);
        var second = KMeans.Cluster(points, 5, seed: 11);

        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Centroids, second.Centroids);
        Assert.Equal(first.Silhouette, second.Silhouette);
        Assert.Equal(KMeans.ChooseK(points, seed: 11), KMeans.ChooseK(points, seed: 11), ClusteringEquals);
    }

    [Fact]
    public void Silhouette_of_two_pairs_on_a_line_is_the_hand_computed_value()
    {
        // Points 0, 1, 10, 11 in clusters {0, 1} and {10, 11}; a is the distance to the pair's other point (1 for all),
        // b the mean distance to the other pair:
        //   0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5 = 19/21
        //   1: a = 1, b = (9 + 10) / 2 = 9.5,   s = 8.5 / 9.5  = 17/19
        //  10: a = 1, b = (10 + 9) / 2 = 9.5,   s = 17/19
        //  11: a = 1, b = (11 + 10) / 2 = 10.5, s = 19/21
        // mean = (19/21 + 17/19) / 2 = (361 + 357) / (2 * 399) = 359/399
        double[][] points = [[0], [1], [10], [11]];
        Assert.Equal(359.0 / 399.0, KMeans.Silhouette(points, [0, 0, 1, 1], 2), 12);
    }

    [Fact]
    public void A_point_alone_in_its_cluster_has_silhouette_zero()
    {
        // 0 and 1 together, 10 alone: s(0) = (10 - 1) / 10 = 0.9, s(1) = (9 - 1) / 9 = 8/9, s(10) = 0
        double[][] points = [[0], [1], [10]];
        Assert.Equal((0.9 + 8.0 / 9.0 + 0) / 3, KMeans.Silhouette(points, [0, 0, 1], 2), 12);
    }

    [Fact]
    public void Silhouette_of_5000_points_completes()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 5000).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        var assignments = points.Select(p => p[0] < 0.5 ? 0 : 1).ToArray();
        Assert.InRange(KMeans.Silhouette(points, assignments, 2), 0, 1);
    }

    [Fact]
    public void Duplicate_points_still_fill_every_cluster()
    {
        // Four identical points and one other, k = 3: k-means++ can only find two distinct centres, so a cluster comes
        // up empty and is re-seeded with a point taken from a cluster of two or more.
        double[][] points = [[1, 1], [1, 1], [1, 1], [1, 1], [5, 5]];
        var clustering = KMeans.Cluster(points, 3);
        Assert.Equal([0, 1, 2], clustering.Assignments.Distinct().Order());
        Assert.InRange(clustering.Silhouette, -1, 1);
    }

    [Fact]
    public void Standardise_gives_mean_zero_and_std_one_and_a_constant_column_zero()
    {
        double[][] rows = [[1, 10, 0.1], [2, 20, 0.1], [3, 60, 0.1], [6, 30, 0.1]];
        var (standardised, means, stds) = KMeans.Standardise(rows);

        Assert.Equal([3, 30, 0.1], means);
        Assert.Equal(Math.Sqrt(3.5), stds[0], 12); // (4 + 1 + 0 + 9) / 4
        Assert.Equal(Math.Sqrt(350), stds[1], 12); // (400 + 100 + 900 + 0) / 4
        Assert.Equal(0, stds[2]);
        for (var d = 0; d < 2; d++)
        {
            var column = standardised.Select(row => row[d]).ToArray();
            Assert.Equal(0, column.Average(), 12);
            Assert.Equal(1, Math.Sqrt(column.Average(z => z * z)), 12);
        }
        Assert.All(standardised, row => Assert.Equal(0, row[2]));
        Assert.Equal(rows[2][1], standardised[2][1] * stds[1] + means[1], 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(5)]
    public void Cluster_rejects_k_below_two_or_above_n(int k)
    {
        double[][] points = [[0], [1], [2], [3]];
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Cluster(points, k));
    }

    [Fact]
    public void Cluster_accepts_k_equal_to_n()
    {
        double[][] points = [[0], [1], [2], [3]];
        Assert.Equal([0, 1, 2, 3], KMeans.Cluster(points, 4).Assignments);
    }

    [Fact]
    public void ChooseK_needs_three_points()
    {
        double[][] points = [[0], [1]];
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.ChooseK(points));
    }

    private static readonly IEqualityComparer<Clustering> ClusteringEquals = EqualityComparer<Clustering>.Create((x, y) =>
        x!.K == y!.K && x.Assignments.SequenceEqual(y.Assignments) && x.Silhouette == y.Silhouette
        && x.Centroids.Zip(y.Centroids).All(pair => pair.First.SequenceEqual(pair.Second)));
}
