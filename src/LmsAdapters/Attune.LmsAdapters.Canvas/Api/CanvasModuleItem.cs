namespace Attune.LmsAdapters.Canvas;

/// <summary>A module item (<c>include[]=content_details</c> adds due dates and points).</summary>
public sealed record CanvasModuleItem
{
    /// <summary>The module item id.</summary>
    public long Id { get; init; }
    /// <summary>The module it is in.</summary>
    public long ModuleId { get; init; }
    /// <summary>Its position in the module.</summary>
    public int Position { get; init; }
    /// <summary>Its title.</summary>
    public string? Title { get; init; }
    /// <summary><c>File</c>, <c>Page</c>, <c>Discussion</c>, <c>Assignment</c>, <c>Quiz</c>, <c>SubHeader</c>, <c>ExternalUrl</c> or <c>ExternalTool</c>.</summary>
    public string Type { get; init; } = string.Empty;
    /// <summary>The id of the thing it shows (the assignment, quiz, page, topic, file or tool); absent for SubHeader and ExternalUrl.</summary>
    public long? ContentId { get; init; }
    /// <summary>The item's page in Canvas.</summary>
    public string? HtmlUrl { get; init; }
    /// <summary>A Page's url slug.</summary>
    public string? PageUrl { get; init; }
    /// <summary>Whether it is published; <c>null</c> when not shown.</summary>
    public bool? Published { get; init; }
    /// <summary>What a student must do to complete it, when set.</summary>
    public CanvasCompletionRequirement? CompletionRequirement { get; init; }
    /// <summary>Due date and points of the content, with <c>include[]=content_details</c>.</summary>
    public CanvasContentDetails? ContentDetails { get; init; }
}

/// <summary>A module item's completion requirement.</summary>
public sealed record CanvasCompletionRequirement
{
    /// <summary><c>must_view</c>, <c>must_submit</c>, <c>must_contribute</c>, <c>min_score</c> or <c>must_mark_done</c>.</summary>
    public string? Type { get; init; }
    /// <summary>The minimum score of <c>min_score</c>.</summary>
    public double? MinScore { get; init; }
}

/// <summary>A module item's content details.</summary>
public sealed record CanvasContentDetails
{
    /// <summary>Points possible, for graded content.</summary>
    public double? PointsPossible { get; init; }
    /// <summary>The due date, when set.</summary>
    public DateTimeOffset? DueAt { get; init; }
}
