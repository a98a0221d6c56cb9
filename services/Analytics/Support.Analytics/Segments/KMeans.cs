namespace Support.Analytics.Segments;

/// <summary>
/// A clustering of n points into K clusters: each point's cluster (0..K-1, clusters ordered by their centroids'
/// coordinates, first then second and so on), the centroids in the points' units, and the mean silhouette.
/// </summary>
public sealed record Clustering(int K, IReadOnlyList<int> Assignments, IReadOnlyList<double[]> Centroids, double Silhouette);

/// <summary>k-means (k-means++ seeding, Lloyd iterations), the silhouette, a choice of k by it, and z-scores.</summary>
public static class KMeans
{
    private const int Restarts = 5;

    /// <summary>
    /// The best (lowest inertia) of five k-means++ runs drawn from one <c>new Random(seed)</c>, so the result is the
    /// same for the same points and seed. Each run iterates until no point changes cluster or maxIterations; a cluster
    /// left empty is re-seeded with the point farthest from its centroid. Cancelled between runs and in the silhouette.
    /// </summary>
    public static Clustering Cluster(IReadOnlyList<double[]> points, int k, int seed = 42, int maxIterations = 100, CancellationToken cancellationToken = default)
    {
        var dimensions = CheckPoints(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);

        var random = new Random(seed);
        var best = Lloyd(points, k, dimensions, random, maxIterations);
        for (var run = 1; run < Restarts; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = Lloyd(points, k, dimensions, random, maxIterations);
            if (candidate.Inertia < best.Inertia) best = candidate;
        }

        var order = Enumerable.Range(0, k).OrderBy(c => best.Centroids[c], Lexicographic).ToArray();
        var rank = new int[k];
        for (var r = 0; r < k; r++) rank[order[r]] = r;
        var assignments = best.Assignments.Select(c => rank[c]).ToArray();
        var centroids = order.Select(c => best.Centroids[c]).ToArray();
        return new Clustering(k, assignments, centroids, Silhouette(points, assignments, k, cancellationToken));
    }

    /// <summary>
    /// The mean silhouette coefficient (Rousseeuw, 1987) with euclidean distance: for each point, (b - a) / max(a, b)
    /// with a its mean distance to the rest of its cluster and b the least mean distance to another cluster; a point
    /// alone in its cluster scores 0. Each pair's distance is computed once, so n = 5,000 takes well under a second.
    /// </summary>
    public static double Silhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> assignments, int k, CancellationToken cancellationToken = default)
    {
        CheckPoints(points);
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count != points.Count) throw new ArgumentException("One assignment per point is needed.", nameof(assignments));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = points.Count;
        var cluster = assignments.ToArray();
        var sizes = new int[k];
        foreach (var c in cluster)
        {
            if (c < 0 || c >= k) throw new ArgumentOutOfRangeException(nameof(assignments), c, "An assignment is outside 0..k-1.");
            sizes[c]++;
        }

        var distanceSums = new double[n * k]; // [i * k + c]: the sum of point i's distances to the points of cluster c
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = i + 1; j < n; j++)
            {
                var distance = Math.Sqrt(SquaredDistance(points[i], points[j]));
                distanceSums[i * k + cluster[j]] += distance;
                distanceSums[j * k + cluster[i]] += distance;
            }
        }

        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var own = cluster[i];
            if (sizes[own] == 1) continue;
            var a = distanceSums[i * k + own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) b = Math.Min(b, distanceSums[i * k + c] / sizes[c]);
            var scale = Math.Max(a, b);
            if (double.IsFinite(b) && scale > 0) total += (b - a) / scale;
        }
        return total / n;
    }

    /// <summary>
    /// Clusters for k = 2..min(maxK, n - 1) and returns the clustering with the highest silhouette, the lowest k on ties.
    /// At n = 26,000 that is half a minute of a core, so a request that is given up cancels it.
    /// </summary>
    public static Clustering ChooseK(IReadOnlyList<double[]> points, int maxK = 8, int seed = 42, CancellationToken cancellationToken = default)
    {
        CheckPoints(points);
        maxK = Math.Min(maxK, points.Count - 1);
        if (maxK < 2) throw new ArgumentOutOfRangeException(nameof(maxK), "min(maxK, n - 1) must be at least 2.");
        Clustering? best = null;
        for (var k = 2; k <= maxK; k++)
        {
            var clustering = Cluster(points, k, seed, cancellationToken: cancellationToken);
            if (best is null || clustering.Silhouette > best.Silhouette) best = clustering;
        }
        return best!;
    }

    /// <summary>
    /// Each column as z-scores, (x - mean) / std with the population std; a column with no variance becomes 0. The
    /// means and stds are returned so centroids can be turned back into plain units (x = z * std + mean).
    /// </summary>
    public static (double[][] Standardised, double[] Means, double[] Stds) Standardise(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return ([], [], []);
        var dimensions = CheckPoints(rows);
        var n = rows.Count;
        var means = new double[dimensions];
        var stds = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var column = rows.Select(row => row[d]).ToArray();
            if (column.All(x => x == column[0])) // exactly constant: rounding in the mean must not make noise a z-score
            {
                means[d] = column[0];
                continue;
            }
            means[d] = column.Sum() / n;
            stds[d] = Math.Sqrt(column.Sum(x => (x - means[d]) * (x - means[d])) / n);
        }

        var standardised = rows
            .Select(row => Enumerable.Range(0, dimensions).Select(d => stds[d] > 0 ? (row[d] - means[d]) / stds[d] : 0).ToArray())
            .ToArray();
        return (standardised, means, stds);
    }

    private static (int[] Assignments, double[][] Centroids, double Inertia) Lloyd(
        IReadOnlyList<double[]> points, int k, int dimensions, Random random, int maxIterations)
    {
        var n = points.Count;
        var centroids = SeedPlusPlus(points, k, random);
        var assignments = new int[n];
        Array.Fill(assignments, -1);
        var distances = new double[n]; // squared, to the centroid each point was last assigned to
        var sizes = new int[k];

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var (nearest, distance) = Nearest(points[i], centroids);
                distances[i] = distance;
                if (nearest == assignments[i]) continue;
                assignments[i] = nearest;
                changed = true;
            }
            if (!changed) break;

            Array.Clear(sizes);
            foreach (var c in assignments) sizes[c]++;
            for (var empty = Array.IndexOf(sizes, 0); empty >= 0; empty = Array.IndexOf(sizes, 0))
            {
                // k <= n, so with a cluster empty another has two points or more: take its farthest point.
                var farthest = -1;
                for (var i = 0; i < n; i++)
                    if (sizes[assignments[i]] > 1 && (farthest < 0 || distances[i] > distances[farthest])) farthest = i;
                sizes[assignments[farthest]]--;
                assignments[farthest] = empty;
                sizes[empty] = 1;
                distances[farthest] = 0;
            }

            foreach (var centroid in centroids) Array.Clear(centroid);
            for (var i = 0; i < n; i++)
                for (var d = 0; d < dimensions; d++) centroids[assignments[i]][d] += points[i][d];
            for (var c = 0; c < k; c++)
                for (var d = 0; d < dimensions; d++) centroids[c][d] /= sizes[c];
        }

        double inertia = 0;
        for (var i = 0; i < n; i++) inertia += SquaredDistance(points[i], centroids[assignments[i]]);
        return (assignments, centroids, inertia);
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2.</summary>
    private static double[][] SeedPlusPlus(IReadOnlyList<double[]> points, int k, Random random)
    {
        var n = points.Count;
        var centroids = new double[k][];
        centroids[0] = (double[])points[random.Next(n)].Clone();
        var nearest = points.Select(p => SquaredDistance(p, centroids[0])).ToArray();
        for (var c = 1; c < k; c++)
        {
            var total = nearest.Sum();
            int chosen;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                chosen = 0;
                while (chosen < n - 1 && (target -= nearest[chosen]) >= 0) chosen++;
            }
            else chosen = random.Next(n); // every point sits on a centre already (duplicates)
            centroids[c] = (double[])points[chosen].Clone();
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centroids[c]));
        }
        return centroids;
    }

    private static (int Cluster, double SquaredDistance) Nearest(double[] point, double[][] centroids)
    {
        var (best, bestDistance) = (0, SquaredDistance(point, centroids[0]));
        for (var c = 1; c < centroids.Length; c++)
        {
            var distance = SquaredDistance(point, centroids[c]);
            if (distance < bestDistance) (best, bestDistance) = (c, distance);
        }
        return (best, bestDistance);
    }

    private static double SquaredDistance(double[] x, double[] y)
    {
        double sum = 0;
        for (var d = 0; d < x.Length; d++)
        {
            var difference = x[d] - y[d];
            sum += difference * difference;
        }
        return sum;
    }

    private static readonly Comparer<double[]> Lexicographic = Comparer<double[]>.Create((x, y) =>
    {
        for (var d = 0; d < x.Length; d++)
        {
            var order = x[d].CompareTo(y[d]);
            if (order != 0) return order;
        }
        return 0;
    });

    /// <summary>Throws unless there is at least one point and all have the same number (≥ 1) of finite coordinates.</summary>
    private static int CheckPoints(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("At least one point is needed.", nameof(points));
        var dimensions = points[0]?.Length ?? 0;
        if (dimensions == 0) throw new ArgumentException("Points need at least one coordinate.", nameof(points));
        foreach (var point in points)
            if (point is null || point.Length != dimensions || !point.All(double.IsFinite))
                throw new ArgumentException($"Every point needs {dimensions} finite coordinates.", nameof(points));
        return dimensions;
    }
}
