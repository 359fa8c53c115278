namespace Attune.Learners;

/// <summary>One learner's history with one item, as <see cref="LearnerHistory"/> aggregates it.</summary>
public sealed class ItemHistory
{
    internal ItemHistory(ItemId item, DateTimeOffset firstSeen)
    {
        Item = item;
        FirstSeen = firstSeen;
        LastSeen = firstSeen;
    }

    /// <summary>The item.</summary>
    public ItemId Item { get; }

    /// <summary>The course the item belongs to, from the first event that named one.</summary>
    public CourseId? Course { get; internal set; }

    /// <summary>Earliest event timestamp (late events move it back).</summary>
    public DateTimeOffset FirstSeen { get; internal set; }

    /// <summary>Latest event timestamp.</summary>
    public DateTimeOffset LastSeen { get; internal set; }

    /// <summary>Events of any kind on this item.</summary>
    public int Events { get; internal set; }

    /// <summary>Answered and submitted events: each is one try at the item.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Scored events (answered, graded, ...) that carried a score.</summary>
    public int ScoredEvents { get; internal set; }

    /// <summary>Scored events whose score was at least 0.5.</summary>
    public int Successes { get; internal set; }

    /// <summary>The best score seen, 0..1.</summary>
    public double? BestScore { get; internal set; }

    /// <summary>The score of the latest scored event by timestamp; a late-arriving older event cannot overwrite it.</summary>
    public double? LastScore { get; internal set; }

    /// <summary>When <see cref="LastScore"/> was earned.</summary>
    public DateTimeOffset? LastScoreAt { get; internal set; }

    /// <summary>Total time on task, in seconds.</summary>
    public double SecondsOnTask { get; internal set; }

    /// <summary>Reviews (the <c>reviewed</c> kind).</summary>
    public int Reviews { get; internal set; }

    /// <summary>When the item was first finished (completed, submitted or graded), if ever.</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>Whether the learner has finished the item.</summary>
    public bool IsFinished => FinishedAt is not null;
}
