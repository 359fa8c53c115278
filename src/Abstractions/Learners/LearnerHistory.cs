namespace Attune.Learners;

/// <summary>
/// Everything Attune remembers of one learner's activity: aggregates per item, per course, per kind and per day,
/// never raw events (the journal keeps those), so it is bounded by distinct items and days, not by events.
/// Plugins read it and never change it: only the host (the silo) and the plugin test kit build, change and store
/// histories, with the same code, so a plugin sees in tests exactly what it sees in production.
/// </summary>
/// <remarks>
/// Applying events is order-insensitive where it matters: an event that arrives late (older timestamp than
/// what is already applied) moves first-seen times back and cannot overwrite a newer score.
/// </remarks>
public sealed class LearnerHistory
{
    private const byte FormatVersion = 1;
    private readonly Dictionary<string, long> _countsByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<ItemId, ItemHistory> _items = new();
    private readonly Dictionary<CourseId, CourseHistory> _courses = new();
    private readonly SortedDictionary<DateOnly, double> _secondsByDay = new();

    // Building and changing a history is the host's job (and the test kit's): the members that do it are internal,
    // visible to those assemblies only, so a plugin holding the grain's own instance cannot change it.
    internal LearnerHistory(LearnerId learner) => Learner = learner;

    /// <summary>Whose history this is.</summary>
    public LearnerId Learner { get; }

    /// <summary>How many events have been applied.</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Earliest event timestamp, if any.</summary>
    public DateTimeOffset? FirstActivity { get; private set; }

    /// <summary>Latest event timestamp, if any.</summary>
    public DateTimeOffset? LastActivity { get; private set; }

    /// <summary>Events per kind name.</summary>
    public IReadOnlyDictionary<string, long> CountsByKind => _countsByKind;

    /// <summary>History per item.</summary>
    public IReadOnlyDictionary<ItemId, ItemHistory> Items => _items;

    /// <summary>Progress per course.</summary>
    public IReadOnlyDictionary<CourseId, CourseHistory> Courses => _courses;

    /// <summary>Seconds on task per UTC day, in date order.</summary>
    public IReadOnlyDictionary<DateOnly, double> SecondsByDay => _secondsByDay;

    /// <summary>Minutes on task on the given UTC day.</summary>
    public double MinutesOn(DateOnly day) => _secondsByDay.GetValueOrDefault(day) / 60;

    /// <summary>Folds one event into the history. The caller applies each event exactly once.</summary>
    /// <exception cref="ArgumentException">The event belongs to another learner.</exception>
    internal void Apply(LearningEvent e)
    {
        if (e.Learner != Learner)
        {
            throw new ArgumentException($"Event {e.Id} belongs to {e.Learner}, not {Learner}.", nameof(e));
        }
        EventsApplied++;
        _countsByKind[e.Kind.Name] = _countsByKind.GetValueOrDefault(e.Kind.Name) + 1;

        var t = e.Timestamp;
        FirstActivity = FirstActivity is { } first && first < t ? first : t;
        LastActivity = LastActivity is { } last && last > t ? last : t;
        var seconds = e.DurationSeconds ?? 0;
        if (seconds > 0)
        {
            var day = DateOnly.FromDateTime(t.UtcDateTime);
            _secondsByDay[day] = _secondsByDay.GetValueOrDefault(day) + seconds;
        }

        if (!_items.TryGetValue(e.Item, out var item))
        {
            item = new ItemHistory(e.Item, t);
            _items[e.Item] = item;
        }
        var joinsCourse = item.Course is null && e.Course is not null;
        if (joinsCourse)
        {
            item.Course = e.Course;
        }
        item.FirstSeen = t < item.FirstSeen ? t : item.FirstSeen;
        item.LastSeen = t > item.LastSeen ? t : item.LastSeen;
        item.Events++;
        item.SecondsOnTask += seconds;
        if (e.Kind == EventKind.Answered || e.Kind == EventKind.Submitted)
        {
            item.Attempts++;
        }
        if (e.Kind == EventKind.Reviewed)
        {
            item.Reviews++;
        }
        if (e.Score is { } score)
        {
            item.ScoredEvents++;
            item.Successes += score >= 0.5 ? 1 : 0;
            item.BestScore = item.BestScore is { } best ? Math.Max(best, score) : score;
            if (item.LastScoreAt is null || t >= item.LastScoreAt)
            {
                item.LastScore = score;
                item.LastScoreAt = t;
            }
        }
        var finishes = e.Kind == EventKind.Completed || e.Kind == EventKind.Submitted || e.Kind == EventKind.Graded;
        var newlyFinished = finishes && item.FinishedAt is null;
        if (finishes)
        {
            item.FinishedAt = item.FinishedAt is { } done && done < t ? done : t;
        }

        if (e.Course is { } courseId)
        {
            if (!_courses.TryGetValue(courseId, out var course))
            {
                course = new CourseHistory(courseId, t);
                _courses[courseId] = course;
            }
            course.FirstActivity = t < course.FirstActivity ? t : course.FirstActivity;
            course.LastActivity = t > course.LastActivity ? t : course.LastActivity;
            course.Events++;
            course.SecondsOnTask += seconds;
        }
        if (item.Course is { } itemCourse && _courses.TryGetValue(itemCourse, out var progress))
        {
            if (joinsCourse)
            {
                progress.ItemsTouched++;
                if (item.IsFinished && !newlyFinished)
                {
                    progress.ItemsFinished++; // finished before its course was known
                }
            }
            if (newlyFinished)
            {
                progress.ItemsFinished++;
            }
        }
    }

    /// <summary>Serializes the history in a compact, versioned binary form.</summary>
    internal byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(EventsApplied);
            WriteTime(w, FirstActivity);
            WriteTime(w, LastActivity);
            w.Write(_countsByKind.Count);
            foreach (var (kind, count) in _countsByKind)
            {
                w.Write(kind);
                w.Write(count);
            }
            w.Write(_items.Count);
            foreach (var item in _items.Values)
            {
                w.Write(item.Item.Value);
                w.Write(item.Course?.Value ?? "");
                w.Write(item.FirstSeen.UtcTicks);
                w.Write(item.LastSeen.UtcTicks);
                w.Write(item.Events);
                w.Write(item.Attempts);
                w.Write(item.ScoredEvents);
                w.Write(item.Successes);
                WriteNumber(w, item.BestScore);
                WriteNumber(w, item.LastScore);
                WriteTime(w, item.LastScoreAt);
                w.Write(item.SecondsOnTask);
                w.Write(item.Reviews);
                WriteTime(w, item.FinishedAt);
            }
            w.Write(_courses.Count);
            foreach (var course in _courses.Values)
            {
                w.Write(course.Course.Value);
                w.Write(course.FirstActivity.UtcTicks);
                w.Write(course.LastActivity.UtcTicks);
                w.Write(course.Events);
                w.Write(course.ItemsTouched);
                w.Write(course.ItemsFinished);
                w.Write(course.SecondsOnTask);
            }
            w.Write(_secondsByDay.Count);
            foreach (var (day, seconds) in _secondsByDay)
            {
                w.Write(day.DayNumber);
                w.Write(seconds);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a history written by <see cref="ToBytes"/>; an empty buffer is an empty history.</summary>
    /// <exception cref="FormatException">The bytes were written by a newer format or are corrupt.</exception>
    internal static LearnerHistory FromBytes(LearnerId learner, ReadOnlySpan<byte> bytes)
    {
        var history = new LearnerHistory(learner);
        if (bytes.IsEmpty)
        {
            return history;
        }
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream);
        try
        {
            var version = r.ReadByte();
            if (version != FormatVersion)
            {
                throw new FormatException($"Learner history format {version} is not known to this SDK (knows {FormatVersion}).");
            }
            history.EventsApplied = r.ReadInt64();
            history.FirstActivity = ReadTime(r);
            history.LastActivity = ReadTime(r);
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                history._countsByKind[r.ReadString()] = r.ReadInt64();
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var id = new ItemId(r.ReadString());
                var course = r.ReadString();
                var item = new ItemHistory(id, new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero))
                {
                    Course = course.Length == 0 ? null : new CourseId(course),
                    LastSeen = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero),
                    Events = r.ReadInt32(),
                    Attempts = r.ReadInt32(),
                    ScoredEvents = r.ReadInt32(),
                    Successes = r.ReadInt32(),
                    BestScore = ReadNumber(r),
                    LastScore = ReadNumber(r),
                    LastScoreAt = ReadTime(r),
                    SecondsOnTask = r.ReadDouble(),
                    Reviews = r.ReadInt32(),
                    FinishedAt = ReadTime(r),
                };
                history._items[id] = item;
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var id = new CourseId(r.ReadString());
                history._courses[id] = new CourseHistory(id, new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero))
                {
                    LastActivity = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero),
                    Events = r.ReadInt64(),
                    ItemsTouched = r.ReadInt32(),
                    ItemsFinished = r.ReadInt32(),
                    SecondsOnTask = r.ReadDouble(),
                };
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                history._secondsByDay[DateOnly.FromDayNumber(r.ReadInt32())] = r.ReadDouble();
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new FormatException("Learner history bytes are truncated.", ex);
        }
        return history;
    }

    private static void WriteTime(BinaryWriter w, DateTimeOffset? t)
    {
        w.Write(t.HasValue);
        if (t is { } value)
        {
            w.Write(value.UtcTicks);
        }
    }

    private static DateTimeOffset? ReadTime(BinaryReader r) =>
        r.ReadBoolean() ? new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero) : null;

    private static void WriteNumber(BinaryWriter w, double? x)
    {
        w.Write(x.HasValue);
        if (x is { } value)
        {
            w.Write(value);
        }
    }

    private static double? ReadNumber(BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;
}
