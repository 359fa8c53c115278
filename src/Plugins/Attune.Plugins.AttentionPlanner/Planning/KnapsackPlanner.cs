namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>
/// Exact 0/1 knapsack with a cardinality limit: choose at most <c>maxItems</c> items whose minutes fit the capacity
/// and whose total gain is largest. Dynamic programming over (items chosen, capacity units), O(n·L·C) time.
/// </summary>
/// <remarks>
/// <para><b>Resolution and the bound.</b> Minutes are counted in units of r minutes (1 by default): an item of m
/// minutes weighs ⌈m/r⌉ units and the capacity is ⌊B/r⌋ units. Rounding weights up and the capacity down means every
/// solution fits the real budget. The result is optimal among sets whose rounded-up minutes fit; with whole-minute
/// items (catalog estimates usually are) and r = 1 that is exactly the optimum. Otherwise the optimum it can miss is
/// one that needs the fractions: its gain is at most the optimum of a budget of B + k·r minutes over k items.</para>
/// <para><b>Work cap.</b> When n·(L+1)·(C+1) would exceed the cell cap, r grows (2, 3, 5, 10, 15, 30, 60 minutes) until it
/// fits, and the solution says which r it is exact at. Before that, an exact pruning: of items of equal weight, only the
/// L with the largest gain can be in an optimal set (swapping one in for a lower-gain item of the same weight never
/// loses), so at most L items per distinct weight enter the table.</para>
/// <para>Ties go to earlier items (indices are scanned in order and a choice must be strictly better to replace another),
/// so the same input always gives the same plan.</para>
/// </remarks>
public static class KnapsackPlanner
{
    /// <summary>The default limit on DP cells (about 4 MB of choice flags; a few milliseconds).</summary>
    public const long DefaultMaxCells = 4_000_000;

    private static readonly double[] Resolutions = [1, 2, 3, 5, 10, 15, 30, 60, 120, 240, 480, 1440];

    /// <summary>Solves the knapsack.</summary>
    /// <param name="minutes">Each item's minutes (finite, ≥ 0).</param>
    /// <param name="gains">Each item's gain; items with gain ≤ 0 are never chosen.</param>
    /// <param name="capacityMinutes">The budget; <c>null</c> for none (then the largest gains win, up to <paramref name="maxItems"/>).</param>
    /// <param name="maxItems">The most items.</param>
    /// <param name="resolutionMinutes">The finest unit of minutes.</param>
    /// <param name="maxCells">The cell cap that coarsens the resolution.</param>
    public static KnapsackSolution Solve(
        IReadOnlyList<double> minutes,
        IReadOnlyList<double> gains,
        double? capacityMinutes,
        int maxItems,
        double resolutionMinutes = 1,
        long maxCells = DefaultMaxCells)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(gains);
        if (minutes.Count != gains.Count)
        {
            throw new ArgumentException("One gain per item.", nameof(gains));
        }
        if (maxItems <= 0 || minutes.Count == 0)
        {
            return new KnapsackSolution([], 0, 0, resolutionMinutes);
        }
        var usable = Enumerable.Range(0, minutes.Count)
            .Where(i => gains[i] > 0 && double.IsFinite(gains[i]) && double.IsFinite(minutes[i]) && minutes[i] >= 0
                        && (capacityMinutes is not { } cap || minutes[i] <= cap + 1e-9))
            .ToList();
        if (capacityMinutes is null)
        {
            var top = usable.OrderByDescending(i => gains[i]).ThenBy(i => i).Take(maxItems).Order().ToList();
            return new KnapsackSolution(top, top.Sum(i => gains[i]), top.Sum(i => minutes[i]), resolutionMinutes);
        }
        var capacity = capacityMinutes.Value;
        foreach (var r in Resolutions.Where(r => r >= resolutionMinutes).Prepend(resolutionMinutes).Distinct())
        {
            var units = (int)Math.Floor(capacity / r + 1e-9);
            var weights = usable.ToDictionary(i => i, i => (int)Math.Ceiling(minutes[i] / r - 1e-9));
            var candidates = Prune(usable.Where(i => weights[i] <= units).ToList(), weights, gains, maxItems);
            var limit = Math.Min(maxItems, candidates.Count);
            if ((long)candidates.Count * (limit + 1) * (units + 1) > maxCells && r < Resolutions[^1])
            {
                continue;
            }
            var chosen = Table(candidates, weights, gains, limit, units);
            return new KnapsackSolution(chosen, chosen.Sum(i => gains[i]), chosen.Sum(i => minutes[i]), r);
        }
        throw new InvalidOperationException("unreachable: the coarsest resolution always fits");
    }

    /// <summary>Of items of equal weight keeps the <paramref name="limit"/> with the largest gain (earlier first on ties).</summary>
    private static List<int> Prune(List<int> items, Dictionary<int, int> weights, IReadOnlyList<double> gains, int limit) =>
        items.GroupBy(i => weights[i])
            .SelectMany(g => g.OrderByDescending(i => gains[i]).ThenBy(i => i).Take(limit))
            .Order()
            .ToList();

    /// <summary>
    /// best[c, u]: the largest gain with at most c items in at most u units over the items seen so far; take[k][c, u]
    /// records whether item k improved it, for the walk back.
    /// </summary>
    private static List<int> Table(List<int> items, Dictionary<int, int> weights, IReadOnlyList<double> gains, int limit, int units)
    {
        var width = units + 1;
        var best = new double[(limit + 1) * width];
        var take = new bool[items.Count][];
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            var w = weights[item];
            var g = gains[item];
            var taken = take[k] = new bool[(limit + 1) * width];
            // Counts and units downwards, so each item is used at most once (the classic 0/1 order).
            for (var c = limit; c >= 1; c--)
            {
                var row = c * width;
                var previousRow = (c - 1) * width;
                for (var u = units; u >= w; u--)
                {
                    var with = best[previousRow + u - w] + g;
                    if (with > best[row + u] + 1e-12)
                    {
                        best[row + u] = with;
                        taken[row + u] = true;
                    }
                }
            }
        }
        var chosen = new List<int>();
        int cc = limit, uu = units;
        for (var k = items.Count - 1; k >= 0 && cc > 0; k--)
        {
            if (take[k][cc * width + uu])
            {
                chosen.Add(items[k]);
                uu -= weights[items[k]];
                cc--;
            }
        }
        chosen.Reverse();
        return chosen;
    }
}
