namespace Attune.LmsAdapters.Moodle;

/// <summary>One status of <c>core_completion_get_activities_completion_status</c>.</summary>
public sealed record MoodleActivityCompletion
{
    /// <summary>The course module id.</summary>
    public long CmId { get; init; }
    /// <summary>The module type.</summary>
    public string? ModName { get; init; }
    /// <summary>0 incomplete, 1 complete, 2 complete and passed, 3 complete and failed.</summary>
    public int State { get; init; }
    /// <summary>When completed, Unix seconds; 0 when not.</summary>
    public long TimeCompleted { get; init; }
    /// <summary>0 none, 1 manual, 2 automatic.</summary>
    public int Tracking { get; init; }
    /// <summary>Whether the module has completion rules (absent on older Moodle).</summary>
    public bool? HasCompletion { get; init; }
    /// <summary>Whether the user's completion is tracked (absent on older Moodle).</summary>
    public bool? IsTrackedUser { get; init; }
}

internal sealed record MoodleActivitiesCompletionReply
{
    public IReadOnlyList<MoodleActivityCompletion> Statuses { get; init; } = [];
}
