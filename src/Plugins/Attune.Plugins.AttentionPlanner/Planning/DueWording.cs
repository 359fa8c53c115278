using System.Globalization;

namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>Deadlines in a learner's words: "due today", "due tomorrow", "due Friday", "due Friday 11 Dec", "overdue since Monday 30 Nov".</summary>
public static class DueWording
{
    /// <summary>Says when <paramref name="due"/> is, seen from <paramref name="now"/> (UTC calendar days).</summary>
    public static string Due(DateTimeOffset due, DateTimeOffset now)
    {
        var days = DateOnly.FromDateTime(due.UtcDateTime).DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        if (due < now)
        {
            return days == 0 ? "overdue since earlier today" : $"overdue since {Day(due, now)}";
        }
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            < 7 => $"due {due.UtcDateTime.DayOfWeek}",
            _ => $"due {Day(due, now)}",
        };
    }

    private static string Day(DateTimeOffset t, DateTimeOffset now) =>
        t.UtcDateTime.ToString(t.UtcDateTime.Year == now.UtcDateTime.Year ? "dddd d MMM" : "dddd d MMM yyyy", CultureInfo.InvariantCulture);
}
