using System.Buffers.Binary;
using Attune;
using Attune.Learners;
using Attune.Plugins;

namespace AttunePlugin1;

/// <summary>
/// A learning strategy: observes each event into per-learner state, and plans scored candidates into the learner's
/// minutes. Start from here: it plans candidates in the order they come, skipping finished items and items that do
/// not fit, and keeps one number per learner (how many items they finished) to show how state is stored.
/// </summary>
/// <remarks>
/// One instance serves every learner, concurrently: keep per-learner data in the state bytes, never in fields.
/// Each call must finish within the host's budget (50 ms by default).
/// </remarks>
[AttunePlugin("attune-plugin-1", Description = "Plans candidates in order within the learner's minutes.")]
public sealed class AttunePlugin1Strategy : ILearningStrategy
{
    /// <summary>The state format this version writes. Bump it when the layout changes, and keep reading the old ones.</summary>
    public const int StateVersion = 1;

    private readonly PluginContext _context;

    /// <summary>The host passes the context: logger, clock, settings (Attune:Plugins:Settings:attune-plugin-1) and seeded randomness.</summary>
    public AttunePlugin1Strategy(PluginContext context) => _context = context;

    /// <inheritdoc />
    public PluginState Observe(ObservationContext context)
    {
        if (context.Event.Kind != EventKind.Completed)
        {
            return context.State;
        }
        var data = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, FinishedItems(context.State) + 1);
        return new PluginState(StateVersion, data);
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        var steps = new List<PlanStep>();
        var planned = 0.0;
        foreach (var scored in context.Candidates)
        {
            if (steps.Count >= context.Limit)
            {
                break;
            }
            var c = scored.Candidate;
            if (context.History.Items.TryGetValue(c.Item, out var progress) && progress.IsFinished)
            {
                continue;
            }
            if (context.BudgetMinutes is { } budget && planned + c.Minutes > budget)
            {
                continue; // does not fit what is left; a shorter item further down may
            }
            var reason = string.IsNullOrWhiteSpace(scored.Reason) ? $"Next in {c.Course}." : scored.Reason;
            steps.Add(new PlanStep(c, c.Minutes, reason, scored.Score));
            planned += c.Minutes;
        }
        return new LearningPlan(steps);
    }

    /// <summary>Reads the number of finished items from the state; an empty state means none.</summary>
    public static int FinishedItems(PluginState state) =>
        state.Version == StateVersion && state.Data.Length == 4 ? BinaryPrimitives.ReadInt32LittleEndian(state.Data.Span) : 0;
}
