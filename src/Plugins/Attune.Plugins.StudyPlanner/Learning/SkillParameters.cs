namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>One skill's knowledge-tracing parameters (all probabilities), fitted or from the settings.</summary>
/// <param name="Prior">P(L0): known before any study.</param>
/// <param name="Guess">P(G): right while unknown.</param>
/// <param name="Slip">P(S): wrong while known.</param>
/// <param name="ForgetPerDay">P(F) per day without practice.</param>
/// <param name="Answers">How many answers the fit saw on the skill (0 for settings).</param>
public sealed record SkillParameters(double Prior, double Guess, double Slip, double ForgetPerDay, double Answers = 0);
