using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Logistic;

namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>What <see cref="KnowledgeTracingTrainer.Fit"/> produced.</summary>
/// <param name="Model">The fitted model; <see cref="KnowledgeTracingModel.ToSettings"/> turns it into the plugin's settings.</param>
/// <param name="PooledBkt">The BKT fit over all skills together: the default for skills without their own.</param>
/// <param name="SkillBkt">The BKT fit of each skill with enough answers.</param>
/// <param name="Logistic">The logistic fit, or <c>null</c> when there were no answers.</param>
/// <param name="Learners">Learners with at least one opportunity.</param>
/// <param name="Answers">Answers read.</param>
public sealed record KnowledgeTracingTraining(
    KnowledgeTracingModel Model,
    BktFit? PooledBkt,
    IReadOnlyDictionary<string, BktFit> SkillBkt,
    LogisticFit? Logistic,
    int Learners,
    int Answers);
