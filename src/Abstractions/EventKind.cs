namespace Attune;

/// <summary>
/// What a learner did. The built-in kinds cover what Moodle, Canvas, xAPI and Caliper report;
/// a deployment may accept more (configured on the host), so this is an open set of lower-case names.
/// </summary>
public readonly record struct EventKind
{
    /// <summary>Opened or looked at an item (a page, a video, a resource).</summary>
    public static readonly EventKind Viewed = new("viewed");
    /// <summary>Began an attempt (a quiz attempt, an assignment draft).</summary>
    public static readonly EventKind Started = new("started");
    /// <summary>Answered a question; <see cref="LearningEvent.Score"/> says how well.</summary>
    public static readonly EventKind Answered = new("answered");
    /// <summary>Handed in work for grading.</summary>
    public static readonly EventKind Submitted = new("submitted");
    /// <summary>Received a grade; <see cref="LearningEvent.Score"/> is the grade scaled to 0..1.</summary>
    public static readonly EventKind Graded = new("graded");
    /// <summary>Met the item's completion rule.</summary>
    public static readonly EventKind Completed = new("completed");
    /// <summary>Revisited an item to refresh memory (a flash card, a spaced review).</summary>
    public static readonly EventKind Reviewed = new("reviewed");

    /// <summary>The kinds every Attune host accepts.</summary>
    public static IReadOnlyList<EventKind> BuiltIn { get; } =
        [Viewed, Started, Answered, Submitted, Graded, Completed, Reviewed];

    /// <summary>Creates a kind. Names are lower-case ASCII letters, digits, '-' and '_', 1 to 64 characters.</summary>
    /// <exception cref="ArgumentException">The name breaks those rules.</exception>
    public EventKind(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                "An event kind is 1 to 64 lower-case ASCII letters, digits, '-' or '_'.", nameof(name));
        }
        Name = name;
    }

    /// <summary>The kind's name as it appears in JSON, e.g. <c>completed</c>.</summary>
    public string Name { get; }

    /// <summary>Whether <paramref name="name"/> could name a kind (it may still be unknown to a host).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
