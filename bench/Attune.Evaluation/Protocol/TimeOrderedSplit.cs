using Attune.Evaluation.Datasets;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// Splits rows by time: with real timestamps, the newest <c>fraction</c> of all rows is the test set (a global cut, as
/// a nightly training sees the journal); with sequences only, the last <c>fraction</c> of each learner's sequence.
/// Test rows are in replay order (time, then file order; or learner by learner, in sequence).
/// </summary>
public sealed class TimeOrderedSplit
{
    private TimeOrderedSplit(int[] train, int[] test, string description)
    {
        Train = train;
        Test = test;
        Description = description;
    }

    public int[] Train { get; }
    public int[] Test { get; }
    public string Description { get; }

    public static TimeOrderedSplit Create(InteractionTable table, double fraction, Func<int, bool>? include = null)
    {
        var rows = Enumerable.Range(0, table.Rows.Count).Where(r => include?.Invoke(r) ?? true).ToArray();
        if (table.HasTimestamps)
        {
            var ordered = rows.OrderBy(r => table.Rows[r].Ticks).ThenBy(r => r).ToArray();
            var cut = (int)Math.Round(ordered.Length * (1 - fraction));
            var at = new DateTimeOffset(table.Rows[ordered[Math.Min(cut, ordered.Length - 1)]].Ticks, TimeSpan.Zero);
            return new TimeOrderedSplit(ordered[..cut], ordered[cut..], $"global time cut at {at:yyyy-MM-dd}: newest {fraction:P0} of rows are test");
        }
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in rows.GroupBy(r => table.Rows[r].User))
        {
            var sequence = group.ToArray(); // file order is sequence order
            var cut = (int)Math.Ceiling(sequence.Length * (1 - fraction));
            train.AddRange(sequence[..cut]);
            test.AddRange(sequence[cut..]);
        }
        return new TimeOrderedSplit([.. train], [.. test], $"per-learner sequence cut: last {fraction:P0} of each learner's attempts are test");
    }
}
