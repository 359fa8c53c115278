using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>An item of the synthetic course, with the candidate the host would build for it.</summary>
internal sealed record ItemSpec(string Id, ItemKind Kind, double Minutes, IReadOnlyList<string> Skills, int Unit, int Position, double Difficulty, Candidate Candidate);
