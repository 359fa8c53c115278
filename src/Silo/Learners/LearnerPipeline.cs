using Attune.Learners;
using Attune.Plugins;
using Attune.Silo.Catalog;
using Attune.Silo.Journal;
using Attune.Silo.Models;
using Attune.Silo.Plugins;

namespace Attune.Silo.Learners;

/// <summary>
/// What the plugins do for one learner, on behalf of the learner grain: strategies observe new events and
/// recommenders refold the embedding; a request is scored by the chosen recommender and planned by the chosen
/// strategies in order; strategies that can describe the learner do so for the learner model. Every plugin call goes
/// through <see cref="PluginInvoker"/>; whatever fails, the learner still gets an answer from the baseline, and the
/// response says what fell back and why.
/// </summary>
/// <remarks>
/// A trainable strategy's state is a fold of the learner's events under one fitted model version. When another
/// version serves, the state is rebuilt by replaying the learner's journal under it (<see cref="RebuildStaleStrategiesAsync"/>),
/// lazily, on the learner's next event or read.
/// </remarks>
public sealed class LearnerPipeline(
    PluginRegistry registry, PluginInvoker invoker, PluginSelector selector, CourseCatalog catalog, ModelCache models,
    StrategyModelCache strategyModels, EventJournal journal, CourseTitles courseTitles, TimeProvider clock)
{
    private const int ReplayPageSize = 10_000;

    /// <summary>
    /// Lets every strategy that may plan for this learner observe <paramref name="events"/> (already applied to
    /// <paramref name="history"/> and to <see cref="LearnerState.LastSequence"/>), then refolds the learner's embedding
    /// for each recommender that may serve them.
    /// </summary>
    public async Task ObserveAsync(TenantId tenant, LearnerHistory history, LearnerState state, IReadOnlyList<LearningEvent> events)
    {
        (IReadOnlyList<LearningEvent> Events, CatalogEntry?[] Items)? prepared = null;
        foreach (var name in selector.StrategiesFor(tenant, history.Learner))
        {
            if (registry.Find(name) is not { Strategy: { } strategy } plugin)
            {
                continue;
            }
            var stored = state.PluginStates.GetValueOrDefault(name);
            var trainable = plugin.TrainableStrategy;
            var serving = await strategyModels.GetAsync(tenant, plugin);
            if (trainable is not null && stored?.ModelVersion != serving.Tag)
            {
                // The journal already holds these events: the rebuild observes them under the serving model.
                await RebuildAsync(tenant, history, state, plugin, trainable, serving);
                continue;
            }
            var before = stored is null ? PluginState.Empty : new PluginState(stored.Version, stored.Data);
            var (enriched, items) = prepared ??= WithCatalog(tenant, events);
            var now = clock.GetUtcNow();
            var call = await invoker.InvokeAsync(plugin, "observe", () => Observe(strategy, before, enriched, items, history, serving.Model, now),
                _ => null, invoker.CallBudget * Math.Max(1, events.Count));
            if (call.Succeeded)
            {
                state.PluginStates[name] = new StoredPluginState(call.Value.Version, call.Value.Data.ToArray(), serving.Tag);
            }
        }
        foreach (var name in selector.RecommendersFor(tenant, history.Learner))
        {
            if (registry.Find(name) is { Embedder: not null } plugin)
            {
                await FoldInAsync(tenant, plugin, history, state, await models.GetAsync(tenant, plugin));
            }
        }
    }

    /// <summary>
    /// Rebuilds the state of every trainable strategy of the learner that was observed under another model version than
    /// serves now; returns whether any state changed (so the grain snapshots it).
    /// </summary>
    public async Task<bool> RebuildStaleStrategiesAsync(TenantId tenant, LearnerHistory history, LearnerState state)
    {
        var changed = false;
        foreach (var name in selector.StrategiesFor(tenant, history.Learner))
        {
            if (registry.Find(name) is not { TrainableStrategy: { } trainable } plugin)
            {
                continue;
            }
            var serving = await strategyModels.GetAsync(tenant, plugin);
            if (state.PluginStates.GetValueOrDefault(name)?.ModelVersion != serving.Tag)
            {
                await RebuildAsync(tenant, history, state, plugin, trainable, serving);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// Replays the learner's journal, up to the last applied sequence, through the strategy under the serving model,
    /// from an empty state. If a page fails, the state from before stays, as after a failed observe, and is marked as
    /// seen under the serving version so a broken plugin does not cost a journal replay on every call.
    /// </summary>
    private async Task RebuildAsync(TenantId tenant, LearnerHistory history, LearnerState state, LoadedPlugin plugin, ITrainableStrategy strategy, ServingStrategyModel serving)
    {
        var rebuilt = PluginState.Empty;
        var after = 0L;
        var failed = false;
        while (after < state.LastSequence)
        {
            var page = await journal.ReadLearnerAsync(tenant, history.Learner, after, ReplayPageSize);
            var (events, items) = WithCatalog(tenant, page.Where(e => e.Sequence <= state.LastSequence).Select(e => e.ToLearningEvent(history.Learner)).ToList());
            var from = rebuilt;
            var now = clock.GetUtcNow();
            var call = await invoker.InvokeAsync(plugin, "rebuild", () => Observe(strategy, from, events, items, history, serving.Model, now),
                _ => null, invoker.CallBudget * Math.Max(1, events.Count));
            if (!call.Succeeded)
            {
                failed = true;
                break;
            }
            rebuilt = call.Value;
            if (page.Count < ReplayPageSize)
            {
                break;
            }
            after = page[^1].Sequence;
        }
        var stored = state.PluginStates.GetValueOrDefault(plugin.Name);
        state.PluginStates[plugin.Name] = failed
            ? (stored ?? new StoredPluginState(0, [])) with { ModelVersion = serving.Tag }
            : new StoredPluginState(rebuilt.Version, rebuilt.Data.ToArray(), serving.Tag);
    }

    /// <summary>Folds <paramref name="events"/> into <paramref name="state"/> one by one, each with its catalog entry.</summary>
    private static PluginState Observe(ILearningStrategy strategy, PluginState state, IReadOnlyList<LearningEvent> events,
        CatalogEntry?[] items, LearnerHistory history, IStrategyModel? model, DateTimeOffset now)
    {
        for (var i = 0; i < events.Count; i++)
        {
            state = strategy.Observe(new ObservationContext(events[i], history, state, now) { Model = model, Item = items[i] });
        }
        return state;
    }

    /// <summary>
    /// The events as strategies see them, with each one's catalog entry, from the silo's cached course snapshots (one
    /// look-up per course): an event that names no skills gets its item's skills from the catalog, so a strategy traces
    /// skills for LMS events too (which rarely carry any). The journal keeps the event as it came.
    /// </summary>
    private (IReadOnlyList<LearningEvent> Events, CatalogEntry?[] Items) WithCatalog(TenantId tenant, IReadOnlyList<LearningEvent> events)
    {
        var entries = new CatalogEntry?[events.Count];
        var seen = new LearningEvent[events.Count];
        var snapshots = new Dictionary<CourseId, CourseSnapshot>();
        for (var i = 0; i < events.Count; i++)
        {
            seen[i] = events[i];
            if (events[i].Course is not { } course)
            {
                continue;
            }
            if (!snapshots.TryGetValue(course, out var snapshot))
            {
                snapshots[course] = snapshot = catalog.GetSnapshot(tenant, course);
            }
            seen[i] = snapshot.WithCatalogSkills(events[i]);
            entries[i] = snapshot.Find(events[i].Item.Value)?.ToEntry(course);
        }
        return (seen, entries);
    }

    /// <summary>
    /// What each strategy that may plan for the learner and can describe them (<see cref="IDescribesLearner"/>) knows:
    /// mastery per skill, recall per item. A strategy that fails is listed with its failure; the rest still describe.
    /// </summary>
    public async Task<IReadOnlyList<StrategyView>> DescribeAsync(TenantId tenant, LearnerHistory history, LearnerState state)
    {
        var now = clock.GetUtcNow();
        var views = new List<StrategyView>();
        foreach (var name in selector.StrategiesFor(tenant, history.Learner))
        {
            if (registry.Find(name) is not { Describer: { } describer } plugin)
            {
                continue;
            }
            var stored = state.PluginStates.GetValueOrDefault(name);
            var serving = await strategyModels.GetAsync(tenant, plugin);
            var context = new DescriptionContext(history, stored is null ? PluginState.Empty : new PluginState(stored.Version, stored.Data), now)
            {
                Model = serving.Model,
            };
            var call = await invoker.InvokeAsync(plugin, "describe", () => describer.Describe(context), StrategyView.Problem);
            views.Add(call.Succeeded
                ? StrategyView.From(plugin.Label, serving.Version, call.Value!)
                : StrategyView.Failed(plugin.Label, serving.Version, call.Failure!));
        }
        return views;
    }

    /// <summary>Refolds every embedding of the learner that was folded against another model or plugin version than serves now.</summary>
    public async Task RefoldAsync(TenantId tenant, LearnerHistory history, LearnerState state)
    {
        foreach (var name in selector.RecommendersFor(tenant, history.Learner))
        {
            if (registry.Find(name) is not { Embedder: not null } plugin)
            {
                continue;
            }
            var serving = await models.GetAsync(tenant, plugin);
            var stored = state.Embeddings.GetValueOrDefault(name);
            if (stored is null || stored.ModelVersion != serving.Tag || stored.PluginVersion != plugin.Version)
            {
                await FoldInAsync(tenant, plugin, history, state, serving);
            }
        }
    }

    /// <summary>Recomputes the learner's embedding against the serving model and records which model it was folded against.</summary>
    private async Task<float[]?> FoldInAsync(TenantId tenant, LoadedPlugin plugin, LearnerHistory history, LearnerState state, ServingModel serving)
    {
        var call = await invoker.InvokeAsync(plugin, "fold-in", () => plugin.Embedder!.FoldIn(serving.Model, history), HostRules.EmbeddingProblem);
        if (!call.Succeeded)
        {
            return state.Embeddings.GetValueOrDefault(plugin.Name)?.Vector;
        }
        if (call.Value is { } vector)
        {
            state.Embeddings[plugin.Name] = new StoredEmbedding(vector, serving.Tag, plugin.Version);
        }
        else
        {
            state.Embeddings.Remove(plugin.Name);
        }
        return call.Value;
    }

    public async Task<RecommendationList> RecommendAsync(TenantId tenant, LearnerHistory history, LearnerProfile profile, LearnerState state, RecommendationRequest request)
    {
        var now = clock.GetUtcNow();
        // Without an explicit budget, the learner's own: minutes per day less what they already spent today (UTC).
        if (request.Minutes is null && profile.MinutesPerDay is { } perDay)
        {
            request = request with { Minutes = Math.Max(0, perDay - history.MinutesOn(DateOnly.FromDateTime(now.UtcDateTime))) };
        }
        var selection = selector.Select(tenant, request.Course is { } c ? new CourseId(c) : null, history.Learner);
        var candidates = Candidates(tenant, history, request.Course);
        var fallbacks = new List<string>();

        var ranked = BaselineScorer.Score(history, candidates, now, course => courseTitles.Find(tenant, course));
        var recommenderLabel = BaselineScorer.Name;
        long? modelVersion = null;
        if (selection.Recommender is { } recommenderName)
        {
            if (registry.Find(recommenderName) is { Recommender: { } recommender } plugin)
            {
                var serving = await models.GetAsync(tenant, plugin);
                var stored = state.Embeddings.GetValueOrDefault(recommenderName);
                // Lazy refold: the embedding must match the model (and plugin version) it is scored against.
                var embedding = plugin.Embedder is null ? null
                    : stored is not null && stored.ModelVersion == serving.Tag && stored.PluginVersion == plugin.Version
                        ? stored.Vector
                        : await FoldInAsync(tenant, plugin, history, state, serving);
                var context = new ScoringContext(history, profile, embedding, serving.Model, candidates, now);
                var call = await invoker.InvokeAsync(plugin, "score", () => recommender.Score(context), scored => HostRules.ScoresProblem(scored, candidates));
                if (call.Succeeded)
                {
                    ranked = call.Value!.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate.Item.Value, StringComparer.Ordinal).ToList();
                    recommenderLabel = plugin.Label;
                    modelVersion = serving.Version;
                }
                else
                {
                    fallbacks.Add($"{plugin.Label}: {call.Failure}; the baseline scored instead");
                }
            }
            else
            {
                fallbacks.Add($"{recommenderName}: not loaded; the baseline scored instead");
            }
        }

        LearningPlan? plan = null;
        var strategyLabels = new List<string>();
        foreach (var strategyName in selection.Strategies)
        {
            if (registry.Find(strategyName) is not { Strategy: { } strategy } plugin)
            {
                fallbacks.Add($"{strategyName}: not loaded; skipped");
                continue;
            }
            var stored = state.PluginStates.GetValueOrDefault(strategyName);
            var serving = await strategyModels.GetAsync(tenant, plugin);
            var context = new PlanningContext(history, profile, stored is null ? PluginState.Empty : new PluginState(stored.Version, stored.Data),
                ranked, request.Minutes, request.Limit, now)
            {
                Model = serving.Model,
                Catalog = candidates,
            };
            var call = await invoker.InvokeAsync(plugin, "plan", () => strategy.Plan(context), p => HostRules.PlanProblem(p, context));
            if (call.Succeeded)
            {
                plan = call.Value!;
                ranked = plan.Steps.Select(s => new ScoredCandidate(s.Candidate, s.Score, s.Reason)).ToList();
                strategyLabels.Add(plugin.Label);
            }
            else
            {
                fallbacks.Add($"{plugin.Label}: {call.Failure}; skipped");
            }
        }
        plan ??= GreedyPlanner.Plan(ranked, request.Minutes, request.Limit);

        var items = plan.Steps
            .Select(s => new Recommendation(s.Candidate.Item.Value, s.Candidate.Course.Value, Math.Round(s.Score, 4), Math.Round(s.Minutes, 1), s.Reason, s.Candidate.Title))
            .ToList();
        return new RecommendationList(items, new Provenance(recommenderLabel, strategyLabels, selection.Variant, fallbacks, modelVersion),
            request.Minutes, Math.Round(plan.Steps.Sum(s => s.Minutes), 1));
    }

    /// <summary>Items of the requested course (or of every course the learner is active in), with catalog facts and classmates' engagement.</summary>
    private List<Candidate> Candidates(TenantId tenant, LearnerHistory history, string? course)
    {
        IEnumerable<CourseId> courses = course is not null ? [new CourseId(course)] : history.Courses.Keys;
        var candidates = new List<Candidate>();
        foreach (var courseId in courses)
        {
            var snapshot = catalog.GetSnapshot(tenant, courseId);
            var classmates = snapshot.Learners - (history.Courses.ContainsKey(courseId) ? 1 : 0);
            foreach (var item in snapshot.Items)
            {
                if (!item.Structure.Recommendable)
                {
                    continue; // a course page, a section, a single question: events may name it, plans never send a learner there
                }
                var id = new ItemId(item.Id);
                var peers = Math.Max(0, item.LearnersEngaged - (history.Items.ContainsKey(id) ? 1 : 0));
                var structure = item.Structure;
                candidates.Add(new Candidate(id, courseId, item.Title, item.Kind,
                    item.EstimatedMinutes ?? item.MeanMinutesOfPeers ?? DefaultMinutes, item.DueAt, item.Skills, peers, Math.Max(0, classmates))
                {
                    Section = structure.Section,
                    Position = structure.Position,
                    Prerequisites = structure.Prerequisites is { Count: > 0 } pre ? pre.Select(p => new ItemId(p)).ToArray() : [],
                    PrerequisiteSkills = structure.PrerequisiteSkills is { Count: > 0 } skills ? skills.Select(k => new SkillId(k)).ToArray() : [],
                    Completion = structure.Completion?.ToRule(),
                    Url = structure.Url is { } url ? new Uri(url) : null,
                });
            }
        }
        return candidates;
    }

    /// <summary>What an item costs when neither the catalog nor classmates' time on task says.</summary>
    public const double DefaultMinutes = 10;
}
