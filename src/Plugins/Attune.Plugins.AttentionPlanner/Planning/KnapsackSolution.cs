namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>What <see cref="KnapsackPlanner.Solve"/> chose.</summary>
/// <param name="Chosen">Indices of the chosen items, ascending.</param>
/// <param name="Gain">Their total gain.</param>
/// <param name="Minutes">Their total minutes (never above the capacity).</param>
/// <param name="ResolutionMinutes">The minute resolution the solution is exact at (see <see cref="KnapsackPlanner"/>).</param>
public sealed record KnapsackSolution(IReadOnlyList<int> Chosen, double Gain, double Minutes, double ResolutionMinutes);
