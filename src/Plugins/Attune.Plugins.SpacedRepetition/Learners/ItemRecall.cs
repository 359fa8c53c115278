namespace Attune.Plugins.SpacedRepetition.Learners;

/// <summary>One item of a learner's memory, as the host would show it on the learner model.</summary>
/// <param name="Item">The item id.</param>
/// <param name="Stability">FSRS stability S, in days.</param>
/// <param name="Difficulty">FSRS difficulty D, 1 to 10.</param>
/// <param name="Recall">Probability of recall at the time asked.</param>
/// <param name="Due">When the next review is due.</param>
/// <param name="Reviews">Reviews counted.</param>
/// <param name="Lapses">Reviews rated Again after the first.</param>
public sealed record ItemRecall(string Item, double Stability, double Difficulty, double Recall, DateTimeOffset Due, int Reviews, int Lapses);
