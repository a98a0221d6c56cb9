namespace Support.Routing.Classification;

/// <summary>Limited-memory BFGS (Nocedal and Wright, algorithm 7.5) with a backtracking Armijo line search, for smooth convex functions.</summary>
internal static class Lbfgs
{
    private const int Memory = 8;
    private const int MaxIterations = 300;
    private const double Tolerance = 1e-7;

    /// <summary>The minimiser, from zero, of f; f(x, gradient) returns f(x) and fills the gradient at x.</summary>
    public static double[] Minimize(Func<double[], double[], double> f, int size)
    {
        var x = new double[size];
        var gradient = new double[size];
        var fx = f(x, gradient);
        var steps = new List<(double[] S, double[] Y, double Rho)>();
        var direction = new double[size];
        var alphas = new double[Memory];

        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // The two-loop recursion: direction = -H·gradient.
            for (var i = 0; i < size; i++) direction[i] = -gradient[i];
            for (var m = steps.Count - 1; m >= 0; m--)
            {
                alphas[m] = steps[m].Rho * Dot(steps[m].S, direction);
                Add(direction, -alphas[m], steps[m].Y);
            }
            var scale = steps.Count > 0 ? Dot(steps[^1].S, steps[^1].Y) / Dot(steps[^1].Y, steps[^1].Y) : 1 / Math.Sqrt(Dot(gradient, gradient));
            for (var i = 0; i < size; i++) direction[i] *= scale;
            for (var m = 0; m < steps.Count; m++)
                Add(direction, alphas[m] - steps[m].Rho * Dot(steps[m].Y, direction), steps[m].S);

            var slope = Dot(gradient, direction);
            if (!(slope < 0))
            {
                steps.Clear();
                for (var i = 0; i < size; i++) direction[i] = -gradient[i] / Math.Sqrt(Dot(gradient, gradient));
                slope = Dot(gradient, direction);
            }

            double[] next = new double[size], nextGradient = new double[size];
            double fNext = double.NaN;
            for (double step = 1, tries = 0; tries < 40; step /= 2, tries++)
            {
                for (var i = 0; i < size; i++) next[i] = x[i] + step * direction[i];
                fNext = f(next, nextGradient);
                if (fNext <= fx + 1e-4 * step * slope) break;
            }
            if (!(fNext < fx)) break;

            double[] s = new double[size], y = new double[size];
            for (var i = 0; i < size; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - gradient[i];
            }
            var sy = Dot(s, y);
            var converged = fx - fNext <= Tolerance * Math.Max(1, Math.Abs(fNext));
            x = next;
            gradient = nextGradient;
            fx = fNext;
            if (sy > 1e-12)
            {
                if (steps.Count == Memory) steps.RemoveAt(0);
                steps.Add((s, y, 1 / sy));
            }
            if (converged) break;
        }
        return x;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Add(double[] target, double factor, double[] source)
    {
        for (var i = 0; i < target.Length; i++) target[i] += factor * source[i];
    }
}
