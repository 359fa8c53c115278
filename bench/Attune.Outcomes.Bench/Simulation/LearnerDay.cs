namespace Attune.Outcomes.Bench.Simulation;

/// <summary>What one learner did on one day.</summary>
/// <param name="MinutesUsed">Minutes actually spent on steps.</param>
/// <param name="UsefulWorkLeft">At the day's end something was still worth doing (an item would add at least 2 % of a skill).</param>
/// <param name="Calls">Plans asked for.</param>
/// <param name="PlannedMinutes">What the plans said their steps take, summed over the day's calls.</param>
/// <param name="BudgetMinutes">The minutes each call asked for, summed.</param>
/// <param name="Fallbacks">Plugin fallbacks the silo reported in the day's plans.</param>
/// <param name="UnknownItems">Steps naming an item the course does not have (skipped).</param>
public sealed record LearnerDay(double MinutesUsed, bool UsefulWorkLeft, int Calls, double PlannedMinutes, double BudgetMinutes, int Fallbacks, int UnknownItems);
