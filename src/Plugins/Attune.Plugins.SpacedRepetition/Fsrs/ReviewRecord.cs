namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>One counted review in a learner's log: which item, which UTC day (<see cref="DateOnly.DayNumber"/>), and the rating.</summary>
public readonly record struct ReviewRecord(string Item, int Day, Rating Rating);
