namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>One opportunity on one skill, as the fitter reads it.</summary>
/// <param name="Correct">The answer, or <c>null</c> for an opportunity without one (a completed lesson).</param>
/// <param name="Periods">Forgetting periods since the previous opportunity of the same sequence (ignored for the first).</param>
public readonly record struct BktObservation(bool? Correct, double Periods = 1);
