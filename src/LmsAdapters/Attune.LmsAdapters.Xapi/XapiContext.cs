namespace Attune.LmsAdapters.Xapi;

/// <summary>An xAPI <c>context</c>, reduced to what placing an event in a course needs.</summary>
public sealed record XapiContext
{
    /// <summary>The registration (an attempt or enrolment UUID), when sent.</summary>
    public Guid? Registration { get; init; }

    /// <summary>The sending platform, e.g. <c>Moodle</c>.</summary>
    public string? Platform { get; init; }

    /// <summary><c>contextActivities.parent</c>: direct containers, innermost first as senders usually list them.</summary>
    public IReadOnlyList<XapiActivity> Parent { get; init; } = [];

    /// <summary><c>contextActivities.grouping</c>: indirect containers such as a course or programme.</summary>
    public IReadOnlyList<XapiActivity> Grouping { get; init; } = [];

    /// <summary><c>contextActivities.category</c>: profiles or the sending system (Moodle puts its site here).</summary>
    public IReadOnlyList<XapiActivity> Category { get; init; } = [];
}
