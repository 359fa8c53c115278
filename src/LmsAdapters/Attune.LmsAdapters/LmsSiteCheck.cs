namespace Attune.LmsAdapters;

/// <summary>What a site check found.</summary>
/// <param name="Site">The site in words (<c>Probe University (Moodle 4.5.6) as attune_ws</c>).</param>
/// <param name="Required">What a sync needs (functions, capabilities), in the LMS's words.</param>
/// <param name="Optional">What a sync uses when it may, and what is skipped without it.</param>
/// <param name="MissingRequired">Required things the token lacks: a sync fails until they are granted.</param>
/// <param name="MissingOptional">Optional things the token lacks.</param>
public sealed record LmsSiteCheck(
    string Site,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Optional,
    IReadOnlyList<string> MissingRequired,
    IReadOnlyList<string> MissingOptional)
{
    /// <summary>Whether a sync can run.</summary>
    public bool CanSync => MissingRequired.Count == 0;
}
