namespace Attune.Evaluation.Datasets;

/// <summary>
/// A data set as the evaluation holds it: compact rows (learner, item, time, score) with id tables, in file order.
/// Scores are on the plugin's 0..1 scale; <see cref="ScoreScale"/> turns an error back into the file's units.
/// </summary>
public sealed class InteractionTable(string name, EventKind kind, bool hasTimestamps, double scoreScale)
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>The kind of event each row becomes.</summary>
    public EventKind Kind { get; } = kind;

    /// <summary>Whether rows carry real times (a global time split) or only an order within each learner.</summary>
    public bool HasTimestamps { get; } = hasTimestamps;

    public double ScoreScale { get; } = scoreScale;

    public List<string> Users { get; } = [];
    public List<string> Items { get; } = [];
    public List<string?> ItemCourses { get; } = [];
    public List<Row> Rows { get; } = [];

    public void Add(string user, string item, string? course, DateTimeOffset time, double? score)
    {
        if (!_users.TryGetValue(user, out var u))
        {
            _users[user] = u = Users.Count;
            Users.Add(user);
        }
        if (!_items.TryGetValue(item, out var i))
        {
            _items[item] = i = Items.Count;
            Items.Add(item);
            ItemCourses.Add(course);
        }
        Rows.Add(new Row(u, i, time.UtcTicks, score is { } s ? (float)s : float.NaN));
    }

    /// <summary>The row as the event the host would journal.</summary>
    public LearningEvent Event(int index, EventKind? kind = null)
    {
        var row = Rows[index];
        var course = ItemCourses[row.Item];
        return new LearningEvent(
            $"r{index}", new LearnerId(Users[row.User]), new ItemId(Items[row.Item]), kind ?? Kind,
            new DateTimeOffset(row.Ticks, TimeSpan.Zero), course is null ? null : new CourseId(course),
            score: float.IsNaN(row.Score) ? null : row.Score);
    }

    /// <summary>One interaction.</summary>
    public readonly record struct Row(int User, int Item, long Ticks, float Score);
}
