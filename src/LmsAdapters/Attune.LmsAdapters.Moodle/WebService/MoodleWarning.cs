using System.Text.Json.Serialization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// One entry of the <c>warnings[]</c> a successful Moodle reply may carry: a partial failure (an assignment the
/// token may not see, a user not enrolled) that Moodle reports instead of failing the call (LMS-NOTES §6).
/// </summary>
public sealed record MoodleWarning
{
    /// <summary>What kind of thing the warning is about (<c>course</c>, <c>assignment</c>, <c>user</c>, ...).</summary>
    [JsonPropertyName("item")]
    public string? Item { get; init; }

    /// <summary>Its id.</summary>
    [JsonPropertyName("itemid")]
    public long? ItemId { get; init; }

    /// <summary>Moodle's code for the warning; match on this, the message is localised.</summary>
    [JsonPropertyName("warningcode")]
    public string? WarningCode { get; init; }

    /// <summary>The site's message, in the site's language.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
