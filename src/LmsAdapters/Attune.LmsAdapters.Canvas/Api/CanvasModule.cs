namespace Attune.LmsAdapters.Canvas;

/// <summary>A module as <c>GET /api/v1/courses/:course_id/modules?include[]=items</c> answers it.</summary>
public sealed record CanvasModule
{
    /// <summary>The module id.</summary>
    public long Id { get; init; }
    /// <summary>Its name.</summary>
    public string? Name { get; init; }
    /// <summary>Its position in the course.</summary>
    public int Position { get; init; }
    /// <summary>Whether it is published; <c>null</c> when the token may not see that (a student's view).</summary>
    public bool? Published { get; init; }
    /// <summary>How many items it has.</summary>
    public int ItemsCount { get; init; }
    /// <summary>Where its items are listed.</summary>
    public string? ItemsUrl { get; init; }
    /// <summary>
    /// Its items. Canvas leaves them out (<c>null</c>) when a module has too many to include, and the client then
    /// reads <c>items_url</c> (Canvas Modules API: "if items are not included, use items_url").
    /// </summary>
    public IReadOnlyList<CanvasModuleItem>? Items { get; init; }

    /// <summary>Modules a student must complete before this one (<c>prerequisite_module_ids</c>).</summary>
    public IReadOnlyList<long>? PrerequisiteModuleIds { get; init; }

    /// <summary>Whether the module's items must be done in order (<c>require_sequential_progress</c>).</summary>
    public bool? RequireSequentialProgress { get; init; }
}
