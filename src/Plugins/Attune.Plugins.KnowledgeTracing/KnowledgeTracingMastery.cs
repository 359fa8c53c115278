using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Model;

namespace Attune.Plugins.KnowledgeTracing;

/// <summary>
/// Reads a learner's mastery per skill out of the plugin's state bytes, for the host to show on the learner model
/// (<c>GET /api/v1/learners/{id}</c>). Pure and static: give it the stored <see cref="PluginState"/>, the time, and the
/// plugin's settings (for parameters set there); it never throws on bytes it cannot read (it returns no rows).
/// </summary>
public static class KnowledgeTracingMastery
{
    /// <summary>Mastery per skill at <paramref name="now"/>, weakest first (ties by skill id).</summary>
    /// <param name="state">The state the host stores for this plugin and learner.</param>
    /// <param name="now">When; BKT mastery includes forgetting up to it.</param>
    /// <param name="settings">The plugin's settings; <c>null</c> for defaults.</param>
    public static IReadOnlyList<SkillMastery> Read(PluginState state, DateTimeOffset now, PluginSettings? settings = null)
    {
        settings ??= PluginSettings.Empty;
        var options = settings.Bind<KnowledgeTracingOptions>();
        var model = KnowledgeTracingModel.FromSettings(settings);
        return Read(KnowledgeState.Read(state, out _), now, new KnowledgeTracer(options, model));
    }

    /// <summary>Mastery per skill of an already-read state, with the engine's rules and parameters.</summary>
    public static IReadOnlyList<SkillMastery> Read(KnowledgeState state, DateTimeOffset now, KnowledgeTracer tracer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tracer);
        return state.Skills
            .Select(p => new SkillMastery(
                KnowledgeState.IsItemKey(p.Key) ? p.Key[KnowledgeState.ItemKeyPrefix.Length..] : p.Key,
                KnowledgeState.IsItemKey(p.Key),
                tracer.BktMastery(state, p.Key, now),
                tracer.LogisticMastery(state, p.Key),
                tracer.Mastery(state, p.Key, now),
                p.Value.Answers,
                p.Value.Successes,
                p.Value.LastAt))
            .OrderBy(m => m.Estimate)
            .ThenBy(m => m.Skill, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The learner's mastery as the host shows it on the learner model, weakest first: skills as skills, items without
    /// skills as items. Each carries the estimate planned with as its mastery and, as values, <c>bkt</c> (P(L) with
    /// forgetting), <c>logistic</c> (P(correct)), <c>answers</c>, <c>successes</c> and the BKT parameters in force for it
    /// (<c>bktPrior</c>, <c>bktLearn</c>, <c>bktForget</c>, <c>bktGuess</c>, <c>bktSlip</c>): fitted for the skill, pooled,
    /// from settings, or the defaults.
    /// </summary>
    public static LearnerDescription Describe(KnowledgeState state, DateTimeOffset now, KnowledgeTracer tracer)
    {
        ArgumentNullException.ThrowIfNull(tracer);
        var skills = new List<SkillDescription>();
        var items = new List<ItemDescription>();
        foreach (var row in Read(state, now, tracer))
        {
            var key = row.IsItem ? KnowledgeState.KeyOf(new ItemId(row.Skill)) : row.Skill;
            var p = tracer.Model.BktFor(key);
            var values = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["bkt"] = row.Mastery,
                ["logistic"] = row.PredictedCorrect,
                ["answers"] = row.Answers,
                ["successes"] = row.Successes,
                ["bktPrior"] = p.Prior,
                ["bktLearn"] = p.Learn,
                ["bktForget"] = p.Forget,
                ["bktGuess"] = p.Guess,
                ["bktSlip"] = p.Slip,
            };
            if (row.IsItem)
            {
                items.Add(new ItemDescription(new ItemId(row.Skill)) { Mastery = row.Estimate, LastPracticed = row.LastPracticed, Values = values });
            }
            else
            {
                skills.Add(new SkillDescription(new SkillId(row.Skill), row.Estimate) { LastPracticed = row.LastPracticed, Values = values });
            }
        }
        return new LearnerDescription(skills, items);
    }
}
