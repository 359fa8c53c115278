namespace Attune.Silo.Journal;

/// <summary>
/// Writes one group of pending batches in one transaction and returns each batch's outcomes, in order. Only the
/// journal's writer loop calls it, one group at a time. A throw means nothing of the group was committed.
/// </summary>
internal interface IJournalWriter : IDisposable
{
    AppendOutcome[][] WriteGroup(IReadOnlyList<PendingAppend> group, long recordedAt);
}

/// <summary>One caller's batch waiting for the writer.</summary>
internal sealed class PendingAppend(string tenant, IReadOnlyList<LearningEvent> events)
{
    public string Tenant { get; } = tenant;
    public IReadOnlyList<LearningEvent> Events { get; } = events;
    public TaskCompletionSource<AppendOutcome[]> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal static class JournalColumns
{
    /// <summary>Skills are stored joined by U+001F; identifiers cannot contain control characters.</summary>
    public const char SkillSeparator = '\u001f';

    public static object JoinSkills(LearningEvent e) =>
        e.Skills.Count == 0 ? DBNull.Value : string.Join(SkillSeparator, e.Skills.Select(s => s.Value));
}
