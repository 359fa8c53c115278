namespace Attune.Strategies.Bench.Simulation;

/// <summary>What a course item is, which decides the events it produces and how it teaches.</summary>
internal enum ItemKind
{
    /// <summary>A page or video: viewed, then completed (finishes the item); teaches without a score.</summary>
    Lesson,

    /// <summary>A practice set of five questions, one <c>answered</c> event each; never finished, so it can be repeated.</summary>
    Practice,

    /// <summary>A unit test over the unit's skills: one <c>graded</c> event (finishes the item).</summary>
    Test,
}
