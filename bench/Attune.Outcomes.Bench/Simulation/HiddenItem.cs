namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// One activity of a simulated course. <see cref="Value"/> is its true teaching value (the rate in the learning
/// curve, see <see cref="SimulatedLearner"/>), never sent to the silo; everything else is what the catalog says.
/// </summary>
/// <param name="Position">The item's place in the course's own order (the catalog's <c>position</c>).</param>
/// <param name="Questions">Questions of a drill or quiz: one <c>answered</c> event each.</param>
/// <param name="Difficulty">How much knowledge a question needs beyond the skill's midpoint, on the 0..1 knowledge scale.</param>
public sealed record HiddenItem(
    int Index, string Id, string Title, ItemKind Kind, int Skill, double Value, double EstimatedMinutes, int Questions,
    double Difficulty, int Position, string Section);
