namespace Attune.Plugins;

/// <summary>
/// A plugin that can say what it knows about a learner (mastery per skill, memory per item) in a form the host shows
/// on the learner model (<c>GET /api/v1/learners/{learner}</c>) without knowing the plugin's types. Optional;
/// implement it beside <see cref="ILearningStrategy"/>.
/// </summary>
/// <remarks>
/// Called per read of the learner model, under the same time budget as <see cref="ILearningStrategy.Plan"/>. A
/// description that throws, overruns or breaks a rule (a probability outside 0..1, a non-finite value, a skill or item
/// listed twice) is left out of the learner model and counted as a failure; the rest of the model is still returned.
/// </remarks>
public interface IDescribesLearner
{
    /// <summary>What the plugin knows about the learner at <see cref="DescriptionContext.Now"/>.</summary>
    LearnerDescription Describe(DescriptionContext context);
}
