using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Model;

namespace Attune.Plugins.KnowledgeTracing;

/// <summary>
/// Reads a learner's mastery per skill out of the plugin's state bytes, for the host to show on the learner model
/// (<c>GET /api/v1/learners/{id}</c>). Pure and static: give it the stored <see cref="PluginState"/>, the time, and the
/// plugin's settings (for fitted parameters); it never throws on bytes it cannot read (it returns no rows).
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
}
