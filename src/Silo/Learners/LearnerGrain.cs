using Attune.Silo.Catalog;
using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Attune.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Attune.Silo.Learners;

/// <summary>
/// The live model of one learner. Applies the learner's journal events in sequence, each exactly once, and keeps
/// a snapshot in grain storage (every N events or T seconds, and on deactivation). On activation it loads the
/// snapshot and replays whatever the journal holds beyond it, so a crash anywhere loses nothing.
/// </summary>
[GrainType("learner")]
public sealed class LearnerGrain(
    [PersistentState("learner", AttuneStorage.LearnerStore)] IPersistentState<LearnerState> state,
    EventJournal journal,
    CourseCatalog catalog,
    IOptions<AttuneOptions> options,
    TimeProvider clock,
    ILogger<LearnerGrain> logger) : Grain, ILearnerGrain
{
    private const int ReplayPageSize = 10_000;
    private readonly LearnerOptions _options = options.Value.Learners;
    private TenantId _tenant;
    private LearnerId _learner;
    private int _unsavedEvents;
    private IGrainTimer? _snapshotTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _learner) = LearnerKey.Parse(this.GetPrimaryKeyString());
        CatchUpFromJournal();
        _snapshotTimer = this.RegisterGrainTimer(SnapshotIfDirtyAsync, _options.SnapshotEvery, _options.SnapshotEvery);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _snapshotTimer?.Dispose();
        await SnapshotIfDirtyAsync(cancellationToken);
    }

    public async Task ApplyAsync(JournalEntry[] entries)
    {
        var s = state.State;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence <= s.LastSequence)
            {
                continue; // already applied: a repeated dispatch
            }
            if (entry.Sequence > s.LastSequence + 1)
            {
                // A dispatch was lost or overtaken: the journal has everything up to and including this entry.
                CatchUpFromJournal();
                continue;
            }
            LearnerAggregator.Apply(s, entry);
            _unsavedEvents++;
        }
        if (_unsavedEvents >= _options.SnapshotEveryEvents)
        {
            await SnapshotAsync();
        }
    }

    public Task<LearnerModel?> GetModelAsync()
    {
        CatchUpIfBehind();
        var s = state.State;
        return Task.FromResult(s.LastSequence == 0 ? null : LearnerAggregator.ToModel(_learner.Value, s));
    }

    public Task<RecommendationList> RecommendAsync(RecommendationRequest request)
    {
        CatchUpIfBehind();
        var s = state.State;
        IEnumerable<string> courses = request.Course is { } course
            ? [course]
            : s.Courses.Keys;
        var snapshots = courses.Select(c => catalog.GetSnapshot(_tenant, new CourseId(c))).ToList();
        return Task.FromResult(CoursePopularityBaseline.Recommend(s, snapshots, request, clock.GetUtcNow()));
    }

    /// <summary>Reads cost one index seek; it makes every read reflect every acknowledged event, even if its dispatch was lost.</summary>
    private void CatchUpIfBehind()
    {
        if (journal.LastSequence(_tenant, _learner) > state.State.LastSequence)
        {
            CatchUpFromJournal();
        }
    }

    private void CatchUpFromJournal()
    {
        var s = state.State;
        var replayed = 0;
        while (true)
        {
            var page = journal.ReadLearner(_tenant, _learner, s.LastSequence, ReplayPageSize);
            foreach (var entry in page)
            {
                LearnerAggregator.Apply(s, entry);
            }
            replayed += page.Count;
            if (page.Count < ReplayPageSize)
            {
                break;
            }
        }
        if (replayed > 0)
        {
            _unsavedEvents += replayed;
            logger.LogDebug("Learner {Tenant}/{Learner} replayed {Events} events from the journal up to {Sequence}",
                _tenant.Value, _learner.Value, replayed, s.LastSequence);
        }
    }

    private Task SnapshotIfDirtyAsync(CancellationToken cancellationToken) =>
        _unsavedEvents > 0 ? SnapshotAsync() : Task.CompletedTask;

    private async Task SnapshotAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _unsavedEvents = 0;
        }
        catch (Exception ex)
        {
            // The journal still holds every event, so a failed snapshot only means a longer replay next time.
            logger.LogWarning(ex, "Snapshot of learner {Tenant}/{Learner} at sequence {Sequence} failed",
                _tenant.Value, _learner.Value, state.State.LastSequence);
            if (ex is InconsistentStateException)
            {
                DeactivateOnIdle(); // another activation wrote it: reload rather than overwrite
            }
        }
    }
}
