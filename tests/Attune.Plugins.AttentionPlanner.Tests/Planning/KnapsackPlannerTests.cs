using Attune.Plugins.AttentionPlanner.Planning;

namespace Attune.Plugins.AttentionPlanner.Tests.Planning;

public sealed class KnapsackPlannerTests
{
    [Fact]
    public void TheChoiceIsOptimalAgainstBruteForceOnSmallCases()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 600; trial++)
        {
            var n = 1 + random.Next(12);
            var minutes = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 31)).ToArray();
            var gains = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.1 ? -random.NextDouble() : Math.Round(random.NextDouble(), 3)).ToArray();
            var capacity = (double)random.Next(0, 90);
            var limit = 1 + random.Next(n);

            var solution = KnapsackPlanner.Solve(minutes, gains, capacity, limit);

            var best = 0.0;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                double m = 0, g = 0;
                var count = 0;
                for (var i = 0; i < n; i++)
                {
                    if ((mask >> i & 1) == 1)
                    {
                        m += minutes[i];
                        g += gains[i];
                        count++;
                    }
                }
                if (count <= limit && m <= capacity)
                {
                    best = Math.Max(best, g);
                }
            }
            Assert.True(Math.Abs(best - solution.Gain) < 1e-9, $"trial {trial}: brute force {best}, knapsack {solution.Gain}");
            Assert.True(solution.Minutes <= capacity, $"trial {trial}: {solution.Minutes} min over {capacity}");
            Assert.True(solution.Chosen.Count <= limit);
            Assert.Equal(solution.Gain, solution.Chosen.Sum(i => gains[i]), 9);
            Assert.Equal(1, solution.ResolutionMinutes);
        }
    }

    [Fact]
    public void FractionalMinutesNeverGoOverTheBudget()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = 2 + random.Next(20);
            var minutes = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 25, 2)).ToArray();
            var gains = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var capacity = Math.Round(random.NextDouble() * 60, 2);

            var solution = KnapsackPlanner.Solve(minutes, gains, capacity, 10);

            Assert.True(solution.Chosen.Sum(i => minutes[i]) <= capacity + 1e-9);
        }
    }

    [Fact]
    public void TheExactChoiceBeatsGreedyByGainPerMinute()
    {
        // Greedy by density takes the 6-minute item (1.0/min) and then nothing else fits 10 minutes but the 4-minute one;
        // the optimum is the two 5-minute items.
        double[] minutes = [6, 5, 5, 4];
        double[] gains = [6, 4.5, 4.5, 0.5];

        var solution = KnapsackPlanner.Solve(minutes, gains, 10, 5);

        Assert.Equal([1, 2], solution.Chosen);
        Assert.Equal(9, solution.Gain, 9);
    }

    [Fact]
    public void WithoutABudgetTheLargestGainsWinUpToTheLimit()
    {
        var solution = KnapsackPlanner.Solve([100, 200, 5, 1], [0.1, 0.9, 0.5, -1], null, 2);

        Assert.Equal([1, 2], solution.Chosen);
    }

    [Fact]
    public void ATableTooLargeForTheCellCapCoarsensTheResolutionAndStillFits()
    {
        var random = new Random(3);
        var minutes = Enumerable.Range(0, 300).Select(_ => (double)random.Next(3, 60)).ToArray();
        var gains = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray();

        var solution = KnapsackPlanner.Solve(minutes, gains, 1440, 100, maxCells: 200_000);

        Assert.True(solution.ResolutionMinutes > 1);
        Assert.True(solution.Minutes <= 1440);
        Assert.NotEmpty(solution.Chosen);
    }

    [Fact]
    public void TiesGoToEarlierItems()
    {
        var solution = KnapsackPlanner.Solve([5, 5, 5, 5], [1, 1, 1, 1], 10, 4);

        Assert.Equal([0, 1], solution.Chosen);
    }
}
