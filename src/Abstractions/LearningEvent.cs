namespace Attune;

/// <summary>
/// One thing a learner did, in the single shape every LMS adapter produces and every plugin sees.
/// Instances are validated on construction, so a plugin never has to defend against a malformed event.
/// </summary>
/// <remarks>
/// The tenant is deliberately absent: it comes from the credentials that delivered the event,
/// never from the event itself.
/// </remarks>
public sealed record LearningEvent
{
    /// <summary>The source used for events posted straight to Attune's HTTP API.</summary>
    public const string ApiSource = "api";

    /// <summary>Creates a validated event.</summary>
    /// <param name="id">The event's id within its <paramref name="source"/>; redelivering the same id is a no-op.</param>
    /// <param name="learner">Who acted.</param>
    /// <param name="item">What they acted on.</param>
    /// <param name="kind">What they did.</param>
    /// <param name="timestamp">When they did it; converted to UTC.</param>
    /// <param name="course">The course the item belongs to, when known.</param>
    /// <param name="score">How well, scaled to 0..1, when the kind carries a score.</param>
    /// <param name="durationSeconds">Time on task in seconds, when known.</param>
    /// <param name="skills">Skills the item exercises.</param>
    /// <param name="source">Which channel delivered the event (<see cref="ApiSource"/>, a connection id, ...).</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public LearningEvent(
        string id,
        LearnerId learner,
        ItemId item,
        EventKind kind,
        DateTimeOffset timestamp,
        CourseId? course = null,
        double? score = null,
        double? durationSeconds = null,
        IReadOnlyList<SkillId>? skills = null,
        string source = ApiSource)
    {
        Id = Identifier.Require(id, nameof(id));
        Source = Identifier.Require(source, nameof(source));
        if (learner.Value is null)
        {
            throw new ArgumentException("learner is required.", nameof(learner));
        }
        if (item.Value is null)
        {
            throw new ArgumentException("item is required.", nameof(item));
        }
        if (kind.Name is null)
        {
            throw new ArgumentException("kind is required.", nameof(kind));
        }
        if (score is { } s && !(s >= 0 && s <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), s, "score must be a number from 0 to 1.");
        }
        if (durationSeconds is { } d && !(d >= 0 && d <= MaxDurationSeconds))
        {
            throw new ArgumentOutOfRangeException(
                nameof(durationSeconds), d, $"durationSeconds must be a number from 0 to {MaxDurationSeconds}.");
        }
        Learner = learner;
        Item = item;
        Kind = kind;
        Timestamp = timestamp.ToUniversalTime();
        Course = course;
        Score = score;
        DurationSeconds = durationSeconds;
        Skills = skills ?? [];
    }

    /// <summary>The longest time on task one event may claim: one day. Longer values are clock or unit errors.</summary>
    public const double MaxDurationSeconds = 86_400;

    /// <summary>The event's id within <see cref="Source"/>.</summary>
    public string Id { get; }

    /// <summary>Which channel delivered the event; (tenant, source, id) is unique in the journal.</summary>
    public string Source { get; }

    /// <summary>Who acted.</summary>
    public LearnerId Learner { get; }

    /// <summary>What they acted on.</summary>
    public ItemId Item { get; }

    /// <summary>What they did.</summary>
    public EventKind Kind { get; }

    /// <summary>When they did it, in UTC.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The course the item belongs to, when known.</summary>
    public CourseId? Course { get; }

    /// <summary>How well, from 0 to 1, when the kind carries a score.</summary>
    public double? Score { get; }

    /// <summary>Time on task in seconds, when known.</summary>
    public double? DurationSeconds { get; }

    /// <summary>Skills the item exercises; empty when unknown.</summary>
    public IReadOnlyList<SkillId> Skills { get; }
}
