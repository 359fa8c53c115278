using Attune.Learners;
using Attune.Plugins;
using Attune.Silo.Journal;
using Attune.Silo.Plugins;

namespace Attune.Silo.Models;

/// <summary>Recall@20 of a model on a time-ordered holdout, with how many learners it was measured on.</summary>
public sealed record HoldoutResult(double RecallAt20, int Learners);

/// <summary>
/// Measures a recommender model the way learners meet it: for learners active after the cut, fold in their history
/// before the cut, score every item seen before the cut that they had not touched, and count how many of the items
/// they went on to touch after the cut appear in the top 20 (recall normalised by min(20, relevant), Liang et al. 2018).
/// </summary>
public sealed class HoldoutEvaluator(EventJournal journal)
{
    public const int K = 20;
    private const int PageSize = 20_000;

    /// <param name="maxLearners">Learners measured at most (chosen by a stable hash), to bound the cost on large tenants.</param>
    public async Task<HoldoutResult> EvaluateAsync(
        TenantId tenant, LoadedPlugin plugin, ModelArtifact artifact, long cutPosition, int maxLearners, CancellationToken cancellationToken)
    {
        var split = await Task.Run(() => Split(tenant, cutPosition, maxLearners, cancellationToken), cancellationToken);
        if (split.Relevant.Count == 0)
        {
            return new HoldoutResult(0, 0);
        }
        var recommender = plugin.TrainableRecommender!;
        var model = recommender.LoadModel(artifact);
        var now = DateTimeOffset.UtcNow;
        var total = 0.0;
        var measured = 0;
        foreach (var (learner, relevant) in split.Relevant)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var history = split.Histories[learner];
            var candidates = split.Items.Where(c => !history.Items.ContainsKey(c.Item)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }
            var embedding = plugin.Embedder?.FoldIn(model, history);
            var scored = recommender.Score(new ScoringContext(history, LearnerProfile.Empty, embedding, model, candidates, now));
            var top = scored.Where(s => double.IsFinite(s.Score)).OrderByDescending(s => s.Score).Take(K).Select(s => s.Candidate.Item).ToHashSet();
            total += (double)relevant.Count(top.Contains) / Math.Min(K, relevant.Count);
            measured++;
        }
        return new HoldoutResult(measured == 0 ? 0 : total / measured, measured);
    }

    private HoldoutSplit Split(TenantId tenant, long cut, int maxLearners, CancellationToken cancellationToken)
    {
        // Pass 1: who is active after the cut, and what did they touch there.
        var after = new Dictionary<LearnerId, HashSet<ItemId>>();
        var position = cut;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = journal.ReadTenant(tenant, position, PageSize);
            foreach (var (p, e) in page)
            {
                position = p;
                if (!after.TryGetValue(e.Learner, out var touched))
                {
                    after[e.Learner] = touched = [];
                }
                touched.Add(e.Item);
            }
            if (page.Count < PageSize)
            {
                break;
            }
        }
        var chosen = after.Keys
            .OrderBy(l => PluginSelector.Bucket(tenant, l) * 1_000_003L + l.Value.Length)
            .ThenBy(l => l.Value, StringComparer.Ordinal)
            .Take(maxLearners)
            .ToHashSet();

        // Pass 2: histories before the cut for the chosen learners, and the items (with course) known before the cut.
        var histories = chosen.ToDictionary(l => l, l => new LearnerHistory(l));
        var items = new Dictionary<ItemId, (CourseId Course, HashSet<LearnerId> Learners)>();
        position = 0;
        while (position < cut)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = journal.ReadTenant(tenant, position, PageSize);
            foreach (var (p, e) in page)
            {
                if (p > cut)
                {
                    break;
                }
                position = p;
                if (histories.TryGetValue(e.Learner, out var history))
                {
                    history.Apply(e);
                }
                if (e.Course is { } course)
                {
                    if (!items.TryGetValue(e.Item, out var info))
                    {
                        items[e.Item] = info = (course, []);
                    }
                    info.Learners.Add(e.Learner);
                }
            }
            if (page.Count < PageSize)
            {
                break;
            }
        }
        var learnersBefore = items.Values.SelectMany(i => i.Learners).Distinct().Count();
        var candidates = items.Select(i => new Candidate(i.Key, i.Value.Course, null, null, 10, null, [], i.Value.Learners.Count, learnersBefore)).ToList();
        var relevant = chosen
            .Where(l => histories[l].EventsApplied > 0)
            .Select(l => (l, after[l].Where(i => items.ContainsKey(i) && !histories[l].Items.ContainsKey(i)).ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToDictionary(x => x.l, x => x.Item2);
        return new HoldoutSplit(histories, candidates, relevant);
    }

    private sealed record HoldoutSplit(Dictionary<LearnerId, LearnerHistory> Histories, List<Candidate> Items, Dictionary<LearnerId, List<ItemId>> Relevant);
}
