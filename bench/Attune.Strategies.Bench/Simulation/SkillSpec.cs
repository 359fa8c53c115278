namespace Attune.Strategies.Bench.Simulation;

/// <summary>A skill of the synthetic course: its id (readable), its unit, and what it builds on.</summary>
internal sealed record SkillSpec(string Id, int Unit, IReadOnlyList<string> Prerequisites);
