namespace Attune.Outcomes.Bench.Simulation;

/// <summary>The rules of memory in one course family: how fast what is learned fades and how varied the learners are.</summary>
/// <param name="StabilityDays">Days until a first-learned skill has lost 1 − 1/e of what can fade (times the learner's memory).</param>
/// <param name="Floor">The share of peak knowledge that never fades.</param>
/// <param name="SpeedSpread">Standard deviation of ln(actual ÷ estimated minutes) between learners.</param>
/// <param name="StepNoise">Standard deviation of ln(actual ÷ the learner's usual minutes) between two steps.</param>
public sealed record HiddenWorld(double StabilityDays, double Floor, double SpeedSpread, double StepNoise)
{
    public static readonly HiddenWorld Standard = new(StabilityDays: 2.5, Floor: 0.3, SpeedSpread: 0.15, StepNoise: 0.1);
}
