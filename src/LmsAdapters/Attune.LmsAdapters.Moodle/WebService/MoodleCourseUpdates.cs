namespace Attune.LmsAdapters.Moodle;

/// <summary>One changed instance from <c>core_course_get_updates_since</c>.</summary>
public sealed record MoodleCourseUpdates
{
    /// <summary><c>module</c> or <c>course</c>.</summary>
    public string? ContextLevel { get; init; }
    /// <summary>The instance's id (a cmid for modules).</summary>
    public long Id { get; init; }
    /// <summary>What changed: <c>configuration</c>, <c>completion</c>, <c>gradeitems</c>, ...</summary>
    public IReadOnlyList<MoodleUpdate> Updates { get; init; } = [];
}

/// <summary>One area that changed.</summary>
public sealed record MoodleUpdate
{
    /// <summary>The area's name.</summary>
    public string Name { get; init; } = string.Empty;
    /// <summary>When, Unix seconds.</summary>
    public long? TimeUpdated { get; init; }
}

internal sealed record MoodleCourseUpdatesReply
{
    public IReadOnlyList<MoodleCourseUpdates> Instances { get; init; } = [];
}
