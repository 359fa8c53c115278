namespace Attune.LmsAdapters.Moodle;

/// <summary>The reply of <c>core_webservice_get_site_info</c> (fields Attune reads).</summary>
public sealed record MoodleSiteInfo
{
    /// <summary>The site's full name.</summary>
    public string SiteName { get; init; } = string.Empty;
    /// <summary>The token user's login name.</summary>
    public string UserName { get; init; } = string.Empty;
    /// <summary>The token user's full name.</summary>
    public string FullName { get; init; } = string.Empty;
    /// <summary>The token user's id.</summary>
    public long UserId { get; init; }
    /// <summary>The site's own URL (its wwwroot).</summary>
    public string SiteUrl { get; init; } = string.Empty;
    /// <summary>The release, e.g. <c>4.5.6 (Build: 20250811)</c>.</summary>
    public string Release { get; init; } = string.Empty;
    /// <summary>The version number, e.g. <c>2024100706</c>.</summary>
    public string Version { get; init; } = string.Empty;
    /// <summary>The front page's course id (1 on every stock site).</summary>
    public long SiteId { get; init; } = 1;
    /// <summary>Whether the token user is a site admin (a smell: a dedicated service account should not be).</summary>
    public bool UserIsSiteAdmin { get; init; }
    /// <summary>The functions the token may call.</summary>
    public IReadOnlyList<MoodleSiteFunction> Functions { get; init; } = [];
}

/// <summary>One entry of <see cref="MoodleSiteInfo.Functions"/>.</summary>
public sealed record MoodleSiteFunction
{
    /// <summary>The function's name.</summary>
    public string Name { get; init; } = string.Empty;
    /// <summary>The version of the component that provides it.</summary>
    public string? Version { get; init; }
}
