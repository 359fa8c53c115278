namespace Attune.LmsAdapters.Moodle;

/// <summary>One section of <c>core_course_get_contents</c>, with its modules.</summary>
public sealed record MoodleCourseSection
{
    /// <summary>The section id.</summary>
    public long Id { get; init; }
    /// <summary>The section's name.</summary>
    public string? Name { get; init; }
    /// <summary>Its position in the course (0 is the general section).</summary>
    public int Section { get; init; }
    /// <summary>Whether students can see it.</summary>
    public bool Visible { get; init; } = true;
    /// <summary>Its activities and resources.</summary>
    public IReadOnlyList<MoodleCourseModule> Modules { get; init; } = [];
}

/// <summary>One module (activity or resource) of a section.</summary>
public sealed record MoodleCourseModule
{
    /// <summary>The course module id (cmid), Attune's item id.</summary>
    public long Id { get; init; }
    /// <summary>The module's name.</summary>
    public string Name { get; init; } = string.Empty;
    /// <summary>The instance id within its module type (the assignment id, the quiz id).</summary>
    public long Instance { get; init; }
    /// <summary>The module type: <c>page</c>, <c>url</c>, <c>quiz</c>, <c>assign</c>, ...</summary>
    public string ModName { get; init; } = string.Empty;
    /// <summary>Its view URL.</summary>
    public string? Url { get; init; }
    /// <summary>Whether students can see it (0/1 in the reply).</summary>
    public bool Visible { get; init; } = true;
    /// <summary>Completion tracking: 0 none, 1 manual, 2 automatic.</summary>
    public int Completion { get; init; }

    /// <summary>The restrict-access conditions as Moodle stores them (JSON text: <c>{"op":"&amp;","c":[{"type":"completion","cm":7,"e":1}]}</c>), or <c>null</c>.</summary>
    public string? Availability { get; init; }
    /// <summary>The completion rules, when tracked.</summary>
    public MoodleCompletionData? CompletionData { get; init; }
    /// <summary>The activity's dates (opens, due, closes), Moodle 3.11 and later.</summary>
    public IReadOnlyList<MoodleModuleDate> Dates { get; init; } = [];
}

/// <summary>One date of a module. <see cref="Label"/> is localised; <see cref="DataId"/> names the field.</summary>
public sealed record MoodleModuleDate
{
    /// <summary>The localised label, e.g. <c>Due:</c>.</summary>
    public string? Label { get; init; }
    /// <summary>Unix seconds.</summary>
    public long Timestamp { get; init; }
    /// <summary>The field the date comes from (<c>duedate</c>, <c>timeclose</c>, ...), on sites that send it.</summary>
    public string? DataId { get; init; }
}

/// <summary>The <c>completiondata</c> of a module.</summary>
public sealed record MoodleCompletionData
{
    /// <summary>The rules, e.g. <c>completionview</c>, <c>completionusegrade</c>.</summary>
    public IReadOnlyList<MoodleCompletionRule> Details { get; init; } = [];
}

/// <summary>One completion rule.</summary>
public sealed record MoodleCompletionRule
{
    /// <summary>The rule's name, e.g. <c>completionusegrade</c>.</summary>
    public string RuleName { get; init; } = string.Empty;
}
