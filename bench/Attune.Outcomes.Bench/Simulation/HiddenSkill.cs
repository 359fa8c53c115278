namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// One skill of a simulated course: its opaque id, the skills it rests on (indices into the course's skills) and the
/// share of learners who start with it partly known.
/// </summary>
public sealed record HiddenSkill(int Index, string Id, IReadOnlyList<int> Prerequisites, double PriorKnownShare);
