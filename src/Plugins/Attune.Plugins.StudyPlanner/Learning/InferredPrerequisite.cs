namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// A prerequisite the fit found in the journal where the course states none: sessions on <paramref name="Skill"/> taught
/// much more to learners who already knew <paramref name="Requires"/> than to those who did not.
/// </summary>
/// <param name="Skill">The skill that rests on the other.</param>
/// <param name="Requires">The skill it rests on.</param>
/// <param name="LearnWhenKnown">P(T) of sessions on the skill by learners who knew the other skill then.</param>
/// <param name="LearnWhenUnknown">P(T) of sessions by learners who did not.</param>
/// <param name="SessionsKnown">Sessions (expected count) behind <paramref name="LearnWhenKnown"/>.</param>
/// <param name="SessionsUnknown">Sessions (expected count) behind <paramref name="LearnWhenUnknown"/>.</param>
public sealed record InferredPrerequisite(string Skill, string Requires, double LearnWhenKnown, double LearnWhenUnknown, double SessionsKnown, double SessionsUnknown);
