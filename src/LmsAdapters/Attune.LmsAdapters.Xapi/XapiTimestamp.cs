using System.Globalization;
using System.Text.RegularExpressions;

namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// ISO 8601 timestamps as xAPI 1.0.3 accepts them. A zone should be present; one that is absent is read as
/// UTC. The offsets <c>-00</c>, <c>-0000</c> and <c>-00:00</c> ("local time unknown" in RFC 3339) must be
/// rejected (xAPI-Data.md §2.4.7, LMS-NOTES §3). Future times are accepted: clocks drift.
/// </summary>
public static partial class XapiTimestamp
{
    /// <summary>Parses <paramref name="text"/> and converts it to UTC.</summary>
    /// <param name="text">The timestamp as sent.</param>
    /// <param name="timestamp">The instant in UTC.</param>
    /// <param name="error">Why it was refused, or <c>null</c>.</param>
    public static bool TryParse(string? text, out DateTimeOffset timestamp, out string? error)
    {
        timestamp = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            error = "must be an ISO 8601 timestamp such as 2015-06-10T14:31:41.000Z";
            return false;
        }
        var zone = match.Groups["zone"].Value;
        if (zone is "-00" or "-0000" or "-00:00")
        {
            error = "must not use the offset -00:00 (an unknown local offset)";
            return false;
        }
        try
        {
            var offset = TimeSpan.Zero;
            if (zone.Length > 1)
            {
                var digits = zone.Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture);
                var minutes = digits.Length > 3 ? int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture) : 0;
                offset = new TimeSpan(hours, minutes, 0);
                if (zone[0] == '-')
                {
                    offset = -offset;
                }
            }
            var fraction = match.Groups["fraction"].Value;
            // Ticks are 100 ns: keep seven digits of the fraction, pad shorter ones.
            var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
            var local = new DateTime(
                Int(match, "year"), Int(match, "month"), Int(match, "day"),
                Int(match, "hour"), Int(match, "minute"), match.Groups["second"].Success ? Int(match, "second") : 0,
                DateTimeKind.Unspecified).AddTicks(ticks);
            timestamp = new DateTimeOffset(local, offset).ToUniversalTime();
            error = null;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = "must be a real date and time";
            return false;
        }
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})T(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d+))?)?(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
