namespace Attune.LmsAdapters.Xapi;

/// <summary>An xAPI <c>result.score</c>: <see cref="Scaled"/> in [-1, 1], <see cref="Raw"/> within [<see cref="Min"/>, <see cref="Max"/>].</summary>
public sealed record XapiScore(double? Scaled, double? Raw, double? Min, double? Max)
{
    /// <summary>
    /// The score on Attune's 0..1 scale, or <c>null</c> when none can be derived.
    /// </summary>
    /// <remarks>
    /// Raw/min/max win over <see cref="Scaled"/> when raw and max are present (min defaults to 0), because
    /// xAPI does not promise <c>scaled == (raw-min)/(max-min)</c> and Moodle's logstore_xapi really sends a
    /// differently mapped value: 72 of 100 arrives as scaled 0.44 and 50 of 100 as 0.0 (fixtures/lms/moodle-4.5/README.md,
    /// LMS-NOTES §3). Otherwise a negative scaled score (xAPI allows down to -1, e.g. penalties) counts as 0.
    /// </remarks>
    public double? ToUnitInterval()
    {
        if (Raw is { } raw && Max is { } max)
        {
            var min = Min ?? 0;
            if (max > min)
            {
                return Math.Clamp((raw - min) / (max - min), 0, 1);
            }
        }
        return Scaled is { } scaled ? Math.Clamp(scaled, 0, 1) : null;
    }
}
