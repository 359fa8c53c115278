namespace Attune.Strategies.Bench.Simulation;

/// <summary>Every learner's outcome under one policy, with what the host would have seen of its plugins.</summary>
internal sealed record PolicyResult(string Policy, IReadOnlyList<LearnerOutcome> Learners, long Rejections, IReadOnlyList<double> PlanMilliseconds, TimeSpan Elapsed)
{
    public double Gain => Learners.Sum(l => l.EndMastery - l.StartMastery);

    public double Hours => Learners.Sum(l => l.Minutes) / 60;

    /// <summary>Mastery gained per hour of attention, pooled: Σ gain / Σ hours (mastery in skill units: mean knowledge × skills).</summary>
    public double GainPerHour(int skills) => Gain * skills / Hours;
}
