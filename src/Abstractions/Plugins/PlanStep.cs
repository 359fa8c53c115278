namespace Attune.Plugins;

/// <summary>One step of a plan.</summary>
/// <param name="Candidate">The candidate chosen.</param>
/// <param name="Minutes">Minutes the step is expected to take.</param>
/// <param name="Reason">Why this step, in words a learner understands.</param>
/// <param name="Score">The step's score (the candidate's, or the strategy's own).</param>
public sealed record PlanStep(Candidate Candidate, double Minutes, string Reason, double Score);
