using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Plugins.SpacedRepetition.Fsrs;

namespace Attune.Plugins.SpacedRepetition.Tests.Fsrs;

/// <summary>
/// <see cref="FsrsScheduler"/> against ts-fsrs itself (long-term scheduler, fuzz off) on the same review sequences:
/// stability and difficulty within 1e-6, intervals and due dates equal.
/// </summary>
public sealed class FsrsParityTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StabilityDifficultyAndIntervalEqualTsFsrsOnTheSameReviews()
    {
        var cases = Cases(seed: 20261129, count: 240);
        var input = new JsonObject
        {
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["w"] = c.Weights is null ? null : new JsonArray(c.Weights.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
                ["retention"] = c.Retention,
                ["maximumInterval"] = c.MaximumInterval,
                ["reviews"] = new JsonArray(c.Reviews.Select(r => (JsonNode)new JsonObject
                {
                    ["at"] = r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["rating"] = (int)r.Rating,
                }).ToArray()),
            }).ToArray()),
        };

        var (version, reference) = TsFsrsReference.Run(input);

        Assert.StartsWith("v5.4.2", version);
        var compared = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var scheduler = new FsrsScheduler(new FsrsParameters(c.Weights, c.Retention, c.MaximumInterval));
            MemoryState? memory = null;
            for (var j = 0; j < c.Reviews.Count; j++)
            {
                memory = scheduler.Review(memory, c.Reviews[j].At, c.Reviews[j].Rating);
                var expected = reference[i]![j]!;
                var where = $"case {i} review {j} ({c.Reviews[j].Rating} at {c.Reviews[j].At:O}, weights {(c.Weights is null ? "default" : "custom")}, retention {c.Retention})";
                Assert.True(Math.Abs(expected["stability"]!.GetValue<double>() - memory.Value.Stability) <= 1e-6,
                    $"{where}: stability {memory.Value.Stability}, ts-fsrs {expected["stability"]}");
                Assert.True(Math.Abs(expected["difficulty"]!.GetValue<double>() - memory.Value.Difficulty) <= 1e-6,
                    $"{where}: difficulty {memory.Value.Difficulty}, ts-fsrs {expected["difficulty"]}");
                Assert.True(expected["scheduledDays"]!.GetValue<int>() == memory.Value.ScheduledDays,
                    $"{where}: interval {memory.Value.ScheduledDays} days, ts-fsrs {expected["scheduledDays"]}");
                Assert.Equal(DateTimeOffset.Parse(expected["due"]!.GetValue<string>(), CultureInfo.InvariantCulture), memory.Value.Due);
                compared++;
            }
        }
        Assert.True(compared > 1500, $"only {compared} reviews compared");
    }

    private sealed record Case(double[]? Weights, double Retention, int MaximumInterval, List<(DateTimeOffset At, Rating Rating)> Reviews);

    /// <summary>
    /// Review sequences that reach every branch: first reviews of each rating, lapses, hard and easy, same-day repeats,
    /// reviews just after midnight, long gaps that hit the maximum interval, default and perturbed weights, several
    /// retentions.
    /// </summary>
    private static List<Case> Cases(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<Case>(count);
        for (var i = 0; i < count; i++)
        {
            double[]? weights = null;
            if (i % 3 == 2)
            {
                weights = FsrsParameters.DefaultWeights.Select((w, k) =>
                {
                    var (min, max) = FsrsParameters.Bounds[k];
                    return Math.Clamp(w * (0.5 + random.NextDouble()), min, max);
                }).ToArray();
            }
            var retention = new[] { 0.9, 0.9, 0.8, 0.95, 0.7 }[random.Next(5)];
            var maximum = i % 10 == 9 ? 30 : 36500;
            var reviews = new List<(DateTimeOffset, Rating)>();
            var at = Start.AddMinutes(random.Next(0, 1440));
            var n = 1 + random.Next(16);
            for (var j = 0; j < n; j++)
            {
                reviews.Add((at, (Rating)(1 + random.Next(4))));
                at = random.Next(6) switch
                {
                    0 => at.AddMinutes(random.Next(1, 120)),              // same day, usually
                    1 => at.Date.AddDays(1).AddMinutes(random.Next(0, 5)) is var d ? new DateTimeOffset(d, TimeSpan.Zero) : at, // just after midnight
                    2 => at.AddDays(random.Next(1, 4)).AddMinutes(random.Next(-300, 300)),
                    3 => at.AddDays(random.Next(4, 30)),
                    4 => at.AddDays(random.Next(30, 400)),
                    _ => at.AddHours(random.Next(1, 48)),
                };
            }
            cases.Add(new Case(weights, retention, maximum, reviews));
        }
        return cases;
    }
}
