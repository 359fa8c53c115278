namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// What a connection's token gives Attune: the site, the token's user, and which of the functions Attune
/// calls the token's external service lacks (a call to a function outside the service fails with
/// <c>accessexception</c>, LMS-NOTES §1a).
/// </summary>
public sealed record MoodleSiteCheck
{
    /// <summary>The site's name.</summary>
    public required string SiteName { get; init; }
    /// <summary>The site's own URL (its wwwroot); if it differs from the configured one, Moodle redirects.</summary>
    public required string SiteUrl { get; init; }
    /// <summary>The Moodle release, e.g. <c>4.5.6 (Build: 20250811)</c>.</summary>
    public required string Release { get; init; }
    /// <summary>The front page's course id, which a sync skips.</summary>
    public required long SiteId { get; init; }
    /// <summary>The token's user name.</summary>
    public required string UserName { get; init; }
    /// <summary>The token's user's full name.</summary>
    public required string UserFullName { get; init; }
    /// <summary>The token's user id.</summary>
    public required long UserId { get; init; }
    /// <summary>Whether the token's user is a site admin (works, but a dedicated account with only the needed capabilities is safer).</summary>
    public required bool UserIsSiteAdmin { get; init; }
    /// <summary>Functions in <see cref="MoodleFunctions.Required"/> the token cannot call; a sync needs them all.</summary>
    public required IReadOnlyList<string> MissingRequiredFunctions { get; init; }
    /// <summary>Functions in <see cref="MoodleFunctions.Optional"/> the token cannot call; a sync skips what they add.</summary>
    public required IReadOnlyList<string> MissingOptionalFunctions { get; init; }
    /// <summary>Every function the token may call.</summary>
    public required IReadOnlySet<string> AvailableFunctions { get; init; }

    /// <summary>Whether a sync can run.</summary>
    public bool CanSync => MissingRequiredFunctions.Count == 0;

    /// <summary>Builds the check from a site-info reply.</summary>
    public static MoodleSiteCheck From(MoodleSiteInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var available = info.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        // Moodle 5.0 renamed the attempts function; either name serves.
        if (available.Contains(MoodleFunctions.GetUserQuizAttempts))
        {
            available.Add(MoodleFunctions.GetUserAttempts);
        }
        return new MoodleSiteCheck
        {
            SiteName = info.SiteName,
            SiteUrl = info.SiteUrl,
            Release = info.Release,
            SiteId = info.SiteId,
            UserName = info.UserName,
            UserFullName = info.FullName,
            UserId = info.UserId,
            UserIsSiteAdmin = info.UserIsSiteAdmin,
            MissingRequiredFunctions = [.. MoodleFunctions.Required.Where(f => !available.Contains(f))],
            MissingOptionalFunctions = [.. MoodleFunctions.Optional.Where(f => !available.Contains(f))],
            AvailableFunctions = info.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal),
        };
    }
}
