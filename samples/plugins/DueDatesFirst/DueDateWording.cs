using System.Globalization;

namespace Attune.Samples.DueDatesFirst;

/// <summary>
/// Says deadlines in words a learner reads at a glance ("Due Friday 4 Dec: 2 days left"). Dates are UTC calendar
/// days, like the host's clock: the SDK does not tell a plugin the learner's time zone.
/// </summary>
internal static class DueDateWording
{
    public static string DueSoon(DateTimeOffset due, DateTimeOffset now)
    {
        var days = CalendarDaysBetween(now, due);
        return days switch
        {
            0 when due - now < TimeSpan.FromHours(1) => $"Due today at {Time(due)} UTC: less than an hour left.",
            0 => $"Due today at {Time(due)} UTC: {Hours(due - now)} left.",
            1 => $"Due tomorrow, {Day(due, now)}.",
            _ => $"Due {Day(due, now)}: {days} days left.",
        };
    }

    public static string Overdue(DateTimeOffset due, DateTimeOffset now)
    {
        var days = CalendarDaysBetween(due, now);
        return days switch
        {
            0 => $"Was due today at {Time(due)} UTC: catch up on it first.",
            1 => $"Was due yesterday, {Day(due, now)}: catch up on it first.",
            _ => $"Was due {Day(due, now)}, {days} days ago: catch up on it first.",
        };
    }

    public static string Later(DateTimeOffset due, DateTimeOffset now) => $"Due {Day(due, now)}.";

    /// <summary>"about 2 days", "about 5 hours": how long the learner usually takes, rounded as a person would say it.</summary>
    public static string Duration(TimeSpan span) =>
        span >= TimeSpan.FromHours(36) ? $"about {Math.Round(span.TotalDays).ToString(CultureInfo.InvariantCulture)} days"
        : span >= TimeSpan.FromHours(1.5) ? $"about {Math.Round(span.TotalHours).ToString(CultureInfo.InvariantCulture)} hours"
        : "under an hour";

    private static int CalendarDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        DateOnly.FromDateTime(to.UtcDateTime).DayNumber - DateOnly.FromDateTime(from.UtcDateTime).DayNumber;

    // The year only when it is not this year's: "Friday 4 Dec", "Monday 4 Jan 2027".
    private static string Day(DateTimeOffset t, DateTimeOffset now) =>
        t.UtcDateTime.ToString(t.UtcDateTime.Year == now.UtcDateTime.Year ? "dddd d MMM" : "dddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan left)
    {
        var hours = (int)Math.Floor(left.TotalHours);
        return hours == 1 ? "1 hour" : $"{hours} hours";
    }
}
