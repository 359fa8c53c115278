using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>One answer as the logistic fitter reads it: what the learner's evidence was just before it, and the outcome.</summary>
/// <param name="Item">The item answered, when per-item easiness is wanted.</param>
/// <param name="Skills">The item's skills, each with the learner's evidence before the answer.</param>
/// <param name="Learner">The learner's evidence on any skill before the answer.</param>
/// <param name="Correct">The outcome.</param>
public readonly record struct LogisticAttempt(string? Item, SkillSnapshot[] Skills, LearnerEvidence Learner, bool Correct);
