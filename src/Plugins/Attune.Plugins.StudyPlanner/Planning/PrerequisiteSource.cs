namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>Where a prerequisite between two skills comes from, which a reason names.</summary>
internal enum PrerequisiteSource
{
    /// <summary>The course states it (the LMS's restrictions or the catalog's prerequisite skills).</summary>
    Course,

    /// <summary>The fit found it in the journal.</summary>
    Inferred,

    /// <summary>Assumed from the course's order, since the course states no prerequisites.</summary>
    Order,
}
