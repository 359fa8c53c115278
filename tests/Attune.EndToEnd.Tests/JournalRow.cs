namespace Attune.EndToEnd.Tests;

/// <summary>One row of the journal's <c>events</c> table, as far as the tests look at it.</summary>
public sealed record JournalRow(string Source, string EventId, string Learner, long LearnerSequence, string Item, string? Course, string Kind);
