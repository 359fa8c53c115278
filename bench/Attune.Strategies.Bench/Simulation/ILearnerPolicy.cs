namespace Attune.Strategies.Bench.Simulation;

/// <summary>A way of choosing what a learner does each day.</summary>
internal interface ILearnerPolicy
{
    string Name { get; }

    ILearnerSession Start();

    /// <summary>Plans the host refused as garbage (a strategy skipped, as the host would).</summary>
    long Rejections { get; }

    /// <summary>Wall-clock milliseconds of each strategy Plan call (empty for policies without plugins).</summary>
    IReadOnlyList<double> PlanMilliseconds { get; }
}
