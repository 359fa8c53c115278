using System.Globalization;
using System.Text.RegularExpressions;

namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// ISO 8601 durations as xAPI 1.0.3 uses them in <c>result.duration</c>: <c>PT1H0M0S</c>, <c>PT1234S</c>,
/// <c>P3Y1M29DT4H35M59.14S</c>, or weeks alone (<c>P4W</c>). Weeks mixed with other parts (<c>P4W1D</c>) are
/// invalid (adlnet/xAPI-Spec xAPI-Data.md, LMS-NOTES §3).
/// </summary>
public static partial class XapiDuration
{
    // Calendar parts have no fixed length; these are the conventional averages, used only to turn a
    // time-on-task figure into seconds (a real one never spans months).
    private const double SecondsPerYear = 365 * 86_400;
    private const double SecondsPerMonth = 30 * 86_400;

    /// <summary>Parses <paramref name="text"/> into seconds.</summary>
    /// <returns><c>false</c> when it is not a valid xAPI duration.</returns>
    public static bool TryParse(string? text, out double seconds)
    {
        seconds = 0;
        if (text is null)
        {
            return false;
        }
        var weeks = WeeksPattern().Match(text);
        if (weeks.Success)
        {
            seconds = Number(weeks.Groups[1]) * 7 * 86_400;
            return true;
        }
        var match = PartsPattern().Match(text);
        // The pattern makes every part optional, so "P" and "PT" match and must be refused here.
        if (!match.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }
        seconds = Number(match.Groups["y"]) * SecondsPerYear
            + Number(match.Groups["mo"]) * SecondsPerMonth
            + Number(match.Groups["d"]) * 86_400
            + Number(match.Groups["h"]) * 3_600
            + Number(match.Groups["mi"]) * 60
            + Number(match.Groups["s"]);
        return true;
    }

    private static double Number(Group group) =>
        group.Success ? double.Parse(group.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(\d+(?:\.\d+)?)W$", RegexOptions.CultureInvariant)]
    private static partial Regex WeeksPattern();

    [GeneratedRegex(
        @"^P(?:(?<y>\d+(?:\.\d+)?)Y)?(?:(?<mo>\d+(?:\.\d+)?)M)?(?:(?<d>\d+(?:\.\d+)?)D)?(?:T(?:(?<h>\d+(?:\.\d+)?)H)?(?:(?<mi>\d+(?:\.\d+)?)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PartsPattern();
}
