namespace Attune.Plugins.Testing;

/// <summary>
/// The host's rules (<see cref="HostRules"/>, in the SDK, the very checks a silo runs) as assertions: each method
/// throws <see cref="PluginContractException"/> with the rule's message when the value breaks it. Use
/// <see cref="HostRules"/> directly for the message alone, with your framework's assertions.
/// </summary>
public static class HostChecks
{
    /// <summary>Throws when <see cref="HostRules.ScoresProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The scores break a host rule.</exception>
    public static void EnsureScores(IReadOnlyList<ScoredCandidate>? scored, IReadOnlyList<Candidate> candidates) =>
        Throw(HostRules.ScoresProblem(scored, candidates));

    /// <summary>Throws when <see cref="HostRules.PlanProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The plan breaks a host rule.</exception>
    public static void EnsurePlan(LearningPlan? plan, PlanningContext context) => Throw(HostRules.PlanProblem(plan, context));

    /// <summary>Throws when <see cref="HostRules.DescriptionProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The description breaks a host rule.</exception>
    public static void EnsureDescription(LearnerDescription? description) => Throw(HostRules.DescriptionProblem(description));

    /// <summary>Throws when <see cref="HostRules.EmbeddingProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The embedding has non-finite values.</exception>
    public static void EnsureEmbedding(float[]? embedding) => Throw(HostRules.EmbeddingProblem(embedding));

    /// <summary>Throws when <see cref="HostRules.PluginTypeProblem"/> or <see cref="HostRules.SdkVersionProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The host would not load the plugin.</exception>
    public static void EnsureLoadable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Throw(HostRules.PluginTypeProblem(type) ?? HostRules.SdkVersionProblem(type.Assembly));
    }

    private static void Throw(string? problem)
    {
        if (problem is not null)
        {
            throw new PluginContractException(problem);
        }
    }
}
