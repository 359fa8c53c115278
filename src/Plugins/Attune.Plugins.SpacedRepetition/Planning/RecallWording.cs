using System.Globalization;

namespace Attune.Plugins.SpacedRepetition.Planning;

/// <summary>Reasons about memory in words a learner reads at a glance.</summary>
public static class RecallWording
{
    /// <summary>A recall probability as a whole percentage: 72%.</summary>
    public static string Percent(double recall) =>
        Math.Round(recall * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"review now: recall has fallen to 72%".</summary>
    public static string ReviewNow(double recall) => $"review now: recall has fallen to {Percent(recall)}";

    /// <summary>"relearn this: forgotten 5 times, recall 40%".</summary>
    public static string Leech(double recall, int lapses) => $"relearn this: forgotten {lapses} times, recall {Percent(recall)}";

    /// <summary>"reviewed recently: recall 95%, next review Friday 4 Dec".</summary>
    public static string NotDue(double recall, DateTimeOffset due, DateTimeOffset now) =>
        $"reviewed recently: recall {Percent(recall)}, next review {Day(due, now)}";

    private static string Day(DateTimeOffset t, DateTimeOffset now) =>
        t.UtcDateTime.ToString(t.UtcDateTime.Year == now.UtcDateTime.Year ? "dddd d MMM" : "dddd d MMM yyyy", CultureInfo.InvariantCulture);
}
