namespace Attune.LmsAdapters.Moodle;

/// <summary>What one sync pass found. The host upserts the catalog and learners, appends the events (their ids
/// are deterministic, so repeats are no-ops), records warnings and errors on the connection, then stores
/// <see cref="Cursor"/>.</summary>
public sealed record MoodleSyncResult
{
    /// <summary>The site and token as the pass found them.</summary>
    public required MoodleSiteCheck Site { get; init; }
    /// <summary>When the pass started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When it ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>Courses synced without error.</summary>
    public required IReadOnlyList<MoodleSyncedCourse> Courses { get; init; }
    /// <summary>Catalog entries of every visible activity of the courses pulled.</summary>
    public required IReadOnlyList<CatalogEntry> Catalog { get; init; }
    /// <summary>Learners of the courses pulled, each once.</summary>
    public required IReadOnlyList<MoodleLearner> Learners { get; init; }
    /// <summary>Completions, grades, quiz attempts and submissions, with deterministic ids.</summary>
    public required IReadOnlyList<LearningEvent> Events { get; init; }
    /// <summary>Moodle's warnings and skipped parts.</summary>
    public required IReadOnlyList<MoodleSyncWarning> Warnings { get; init; }
    /// <summary>Failures confined to one course or learner.</summary>
    public required IReadOnlyList<MoodleSyncError> Errors { get; init; }
    /// <summary>The cursor to store for the next pass.</summary>
    public required MoodleSyncCursor Cursor { get; init; }
}
