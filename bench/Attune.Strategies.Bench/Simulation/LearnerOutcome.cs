namespace Attune.Strategies.Bench.Simulation;

/// <summary>One simulated learner under one policy: mean knowledge at the start and end of term, minutes spent, steps done.</summary>
internal sealed record LearnerOutcome(double StartMastery, double EndMastery, double Minutes, int Steps);
