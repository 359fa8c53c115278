using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>A skill of an answer and the learner's evidence on it just before the answer.</summary>
public readonly record struct SkillSnapshot(string Skill, SkillEvidence Evidence);
