using Attune.Learners;
using Attune.Plugins;

namespace Attune.Samples.PeerSequence;

/// <summary>
/// Recommends what classmates did next: after the learner's most recent item in a course, the items that other
/// learners most often went on to. Plugins never see other learners' events directly, so the sequence signal comes
/// from a model trained on the tenant's journal (<see cref="TrainAsync"/>); until there is one, or when too few
/// classmates went on from the learner's last item, items are ranked by how many classmates engaged with them.
/// </summary>
[AttunePlugin("peer-sequence", Description = "Favours the items classmates went on to after the learner's most recent item.")]
public sealed class PeerSequenceRecommender : ITrainableRecommender
{
    private const int ProgressEvery = 10_000;
    private readonly PluginContext _context;
    private readonly PeerSequenceOptions _options;

    /// <summary>Reads the settings; the host reports bad settings as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public PeerSequenceRecommender(PluginContext context)
    {
        _context = context;
        _options = context.Settings.Bind<PeerSequenceOptions>();
        if (_options.Problem() is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
    }

    /// <summary>
    /// Counts, per course, which item each learner engaged with after which. The whole journal is read each time, so
    /// the counts are exact and <see cref="TrainingRequest.Previous"/> has nothing to add.
    /// </summary>
    public async Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var started = _context.Clock.GetTimestamp();
        var counter = new SequenceCounter();
        var read = 0L;
        var expected = Math.Max(1, interactions.EstimatedCount);
        progress.Report(new TrainingProgress("reading", 0));
        await foreach (var e in interactions.ReadAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            counter.Add(e);
            if (++read % ProgressEvery == 0)
            {
                // Reading is most of the work; the estimate may be off, so never claim more than 90%.
                progress.Report(new TrainingProgress("reading", Math.Min(90, 90.0 * read / expected)));
            }
        }
        progress.Report(new TrainingProgress("counting", 90));
        var next = counter.Count(_options.MaxNextItems, cancellationToken);
        var data = PeerSequenceModel.Write(next);
        progress.Report(new TrainingProgress("done", 100));
        var metrics = new Dictionary<string, double>
        {
            ["events"] = counter.Events,
            ["paths"] = counter.Paths,
            ["items"] = next.Count,
            ["transitions"] = next.Values.Sum(s => s.MovedOn),
            ["seconds"] = _context.Clock.GetElapsedTime(started).TotalSeconds,
        };
        _context.Logger.Log(PluginLogLevel.Information, null, "Trained on {Events} events: {Paths} learner paths, {Items} items with next steps",
            counter.Events, counter.Paths, next.Count);
        return new ModelArtifact(_context.Name, PeerSequenceModel.Format, data, metrics);
    }

    /// <inheritdoc />
    public IRecommenderModel LoadModel(ModelArtifact artifact) => PeerSequenceModel.Read(artifact);

    /// <summary>
    /// Scores the unfinished candidates. Where enough classmates went on from the learner's last item in the course,
    /// the items they went to score 1 + their share of those classmates, above every other item; everything else
    /// scores the share of classmates who engaged with it, 0 to 1. Work is proportional to the candidates and the
    /// learner's items, and nothing is kept between calls.
    /// </summary>
    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context)
    {
        var model = context.Model as PeerSequenceModel; // null before the first training, or a model of another recommender
        var paths = model is null ? [] : LearnerPaths(context.History);
        var titles = context.Candidates.Where(c => c.Title is not null)
            .GroupBy(c => (c.Course, c.Item)).ToDictionary(g => g.Key, g => g.First().Title!);
        var scored = new List<ScoredCandidate>(context.Candidates.Count);
        foreach (var candidate in context.Candidates)
        {
            if (context.History.Items.TryGetValue(candidate.Item, out var progress) && progress.IsFinished)
            {
                continue;
            }
            var (wentHere, movedOn, last) = model is not null && paths.TryGetValue(candidate.Course, out var path)
                ? Classmates(model, candidate, path)
                : (0, 0, default);
            if (movedOn >= _options.MinimumClassmates && wentHere > 0)
            {
                var share = (double)wentHere / movedOn;
                scored.Add(new ScoredCandidate(candidate, 1 + share,
                    SequenceReason(Name(titles, candidate.Course, last), Name(titles, candidate.Course, candidate.Item), wentHere, movedOn)));
            }
            else
            {
                var share = candidate.CourseLearners > 0 ? (double)candidate.PeersEngaged / candidate.CourseLearners : 0;
                scored.Add(new ScoredCandidate(candidate, share, PopularityReason(candidate)));
            }
        }
        return scored;
    }

    /// <summary>
    /// How many classmates went from the learner's last item of the candidate's course straight to the candidate, and
    /// how many went on from it at all. The model is trained from the whole journal, so it may count the learner's
    /// own step too: when the learner went on from their last item to an item the model counts, they are taken out
    /// of both numbers. If the model was trained before that step, this errs towards fewer classmates, never more.
    /// </summary>
    private static (int WentHere, int MovedOn, ItemId Last) Classmates(PeerSequenceModel model, Candidate candidate, LearnerPath path)
    {
        if (model.After(candidate.Course, path.Last) is not { } steps || candidate.Item == path.Last)
        {
            return (0, 0, path.Last);
        }
        var wentHere = steps.To(candidate.Item);
        var movedOn = steps.MovedOn;
        if (path.NextAfterLast is { } own && steps.To(own) > 0)
        {
            movedOn--;
            wentHere -= own == candidate.Item ? 1 : 0;
        }
        return (wentHere, movedOn, path.Last);
    }

    /// <summary>
    /// Per course, the learner's most recent item (latest <see cref="ItemHistory.LastSeen"/>, ties by item id) and the
    /// item they first engaged with right after first engaging with it, if any: the step training would have counted.
    /// </summary>
    private static Dictionary<CourseId, LearnerPath> LearnerPaths(LearnerHistory history)
    {
        var byCourse = new Dictionary<CourseId, List<ItemHistory>>();
        foreach (var item in history.Items.Values)
        {
            if (item.Course is { } course)
            {
                if (!byCourse.TryGetValue(course, out var items))
                {
                    byCourse[course] = items = [];
                }
                items.Add(item);
            }
        }
        var paths = new Dictionary<CourseId, LearnerPath>();
        foreach (var (course, items) in byCourse)
        {
            var last = items.OrderByDescending(i => i.LastSeen).ThenByDescending(i => i.Item.Value, StringComparer.Ordinal).First();
            // The same order training uses: first engagement, ties by item id.
            var path = items.OrderBy(i => i.FirstSeen).ThenBy(i => i.Item.Value, StringComparer.Ordinal).Select(i => i.Item).ToList();
            var at = path.IndexOf(last.Item);
            paths[course] = new LearnerPath(last.Item, at + 1 < path.Count ? path[at + 1] : null);
        }
        return paths;
    }

    private static string SequenceReason(string from, string to, int wentHere, int movedOn) =>
        wentHere * 2 > movedOn
            ? $"Most classmates who worked on {from} went on to {to} next ({wentHere} of {movedOn})."
            : $"{wentHere} of {movedOn} classmates who worked on {from} went on to {to} next.";

    private static string PopularityReason(Candidate c) => (c.CourseLearners, c.PeersEngaged) switch
    {
        (0, _) => $"Part of {c.Course}; no classmates have activity there yet.",
        (_, 0) => $"Part of {c.Course}; none of your classmates has worked on it yet.",
        (1, _) => $"Your one classmate in {c.Course} has worked on this.",
        var (n, p) when p == n => $"All {n} of your classmates in {c.Course} have worked on this.",
        var (n, p) => $"{p} of your {n} classmates in {c.Course} have worked on this.",
    };

    private static string Name(Dictionary<(CourseId, ItemId), string> titles, CourseId course, ItemId item) =>
        titles.TryGetValue((course, item), out var title) ? title : item.Value;

    private readonly record struct LearnerPath(ItemId Last, ItemId? NextAfterLast);
}
