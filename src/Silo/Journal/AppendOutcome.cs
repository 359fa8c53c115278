namespace Attune.Silo.Journal;

/// <summary>What the journal did with one event of a batch: appended it at <see cref="Sequence"/>, or found it already there.</summary>
public readonly record struct AppendOutcome(bool Duplicate, long Sequence)
{
    public static AppendOutcome AlreadyJournaled { get; } = new(true, 0);
}
