using Attune.Learners;
using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Attune.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Attune.Silo.Learners;

/// <summary>
/// The live model of one learner. Applies the learner's journal events in sequence, each exactly once, lets the
/// plugins observe them, and keeps a snapshot in grain storage (every N events or T seconds, and on deactivation).
/// On activation it loads the snapshot and replays whatever the journal holds beyond it, so a crash anywhere loses
/// nothing. Plugin instances are resolved per call and never held, so a hot reload takes effect on the next call.
/// </summary>
[GrainType("learner")]
public sealed class LearnerGrain(
    [PersistentState("learner", AttuneStorage.LearnerStore)] IPersistentState<LearnerState> state,
    EventJournal journal,
    LearnerPipeline pipeline,
    ProfileStore profiles,
    ActiveLearners active,
    IOptions<AttuneOptions> options,
    ILogger<LearnerGrain> logger) : Grain, ILearnerGrain
{
    private const int ReplayPageSize = 10_000;
    private readonly LearnerOptions _options = options.Value.Learners;
    private TenantId _tenant;
    private LearnerHistory _history = null!;
    private LearnerProfile _profile = LearnerProfile.Empty;
    private int _unsavedEvents;
    private bool _strategiesRebuilt;
    private IGrainTimer? _snapshotTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, learner) = LearnerKey.Parse(this.GetPrimaryKeyString());
        _tenant = tenant;
        _history = LearnerHistory.FromBytes(learner, state.State.History);
        active.Add(tenant, learner);
        _profile = await profiles.LoadAsync(tenant, learner) ?? LearnerProfile.Empty;
        await CatchUpFromJournalAsync();
        // Spread the first due time: grains activated together by one load must not all snapshot in the same second.
        var firstDue = _options.SnapshotEvery * (1 + Random.Shared.NextDouble());
        _snapshotTimer = this.RegisterGrainTimer(SnapshotIfDirtyAsync, firstDue, _options.SnapshotEvery);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _snapshotTimer?.Dispose();
        active.Remove(_tenant, _history.Learner);
        await SnapshotIfDirtyAsync(cancellationToken);
    }

    public async Task ApplyAsync(JournalEntry[] entries)
    {
        var fresh = new List<LearningEvent>(entries.Length);
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence <= state.State.LastSequence)
            {
                continue; // already applied: a repeated dispatch
            }
            if (entry.Sequence > state.State.LastSequence + 1)
            {
                // A dispatch was lost or overtaken: the journal has everything up to and including this entry.
                await ObserveAsync(fresh);
                fresh.Clear();
                await CatchUpFromJournalAsync();
                continue;
            }
            fresh.Add(Apply(entry));
        }
        await ObserveAsync(fresh);
        if (_unsavedEvents >= _options.SnapshotEveryEvents)
        {
            await SnapshotAsync();
        }
    }

    public async Task<LearnerModel?> GetModelAsync()
    {
        await CatchUpIfBehindAsync();
        if (state.State.LastSequence == 0)
        {
            return null;
        }
        await RebuildStaleStrategiesAsync();
        var strategies = await pipeline.DescribeAsync(_tenant, _history, state.State);
        return LearnerModel.From(_history, state.State.LastSequence, ProfileView.From(_profile), state.State.Embeddings, strategies);
    }

    public async Task<RecommendationList> RecommendAsync(RecommendationRequest request)
    {
        await CatchUpIfBehindAsync();
        await RebuildStaleStrategiesAsync();
        return await pipeline.RecommendAsync(_tenant, _history, _profile, state.State, request);
    }

    public async Task SetProfileAsync(ProfileView profile)
    {
        var updated = profile.ToProfile();
        await profiles.SaveAsync(_tenant, _history.Learner, updated);
        _profile = updated;
    }

    public Task<ProfileView> GetProfileAsync() => Task.FromResult(ProfileView.From(_profile));

    public async Task RebuildAsync()
    {
        var learner = _history.Learner;
        var before = state.State.LastSequence;
        // Profiles are the learner's own words, not derived from the journal: they stay.
        state.State = new LearnerState();
        _history = LearnerHistory.FromBytes(learner, []);
        _strategiesRebuilt = false;
        await CatchUpFromJournalAsync();
        await SnapshotAsync();
        logger.LogInformation("Learner {Tenant}/{Learner} rebuilt from the journal: was at sequence {Before}, now {After} with {Events} events",
            _tenant.Value, learner.Value, before, state.State.LastSequence, _history.EventsApplied);
    }

    public async Task RefoldAsync()
    {
        await CatchUpIfBehindAsync();
        await pipeline.RefoldAsync(_tenant, _history, state.State);
    }

    /// <summary>A newly served strategy model: the strategy states it changes are rebuilt before they are read.</summary>
    private async Task RebuildStaleStrategiesAsync()
    {
        _strategiesRebuilt |= await pipeline.RebuildStaleStrategiesAsync(_tenant, _history, state.State);
    }

    /// <summary>One index seek; it makes every read reflect every acknowledged event, even one whose dispatch was lost.</summary>
    private async Task CatchUpIfBehindAsync()
    {
        if (await journal.LastSequenceAsync(_tenant, _history.Learner) > state.State.LastSequence)
        {
            await CatchUpFromJournalAsync();
        }
    }

    private async Task CatchUpFromJournalAsync()
    {
        var replayed = 0;
        while (true)
        {
            var page = await journal.ReadLearnerAsync(_tenant, _history.Learner, state.State.LastSequence, ReplayPageSize);
            await ObserveAsync(page.Select(Apply).ToList());
            replayed += page.Count;
            if (page.Count < ReplayPageSize)
            {
                break;
            }
        }
        if (replayed > 0)
        {
            logger.LogDebug("Learner {Tenant}/{Learner} replayed {Events} events from the journal up to {Sequence}",
                _tenant.Value, _history.Learner.Value, replayed, state.State.LastSequence);
        }
    }

    private LearningEvent Apply(JournalEntry entry)
    {
        var e = entry.ToLearningEvent(_history.Learner);
        _history.Apply(e);
        state.State.LastSequence = entry.Sequence;
        _unsavedEvents++;
        return e;
    }

    /// <summary>Plugins see the events after the history has them; their failures never stop the apply.</summary>
    private Task ObserveAsync(List<LearningEvent> applied) =>
        applied.Count == 0 ? Task.CompletedTask : pipeline.ObserveAsync(_tenant, _history, state.State, applied);

    private Task SnapshotIfDirtyAsync(CancellationToken cancellationToken) =>
        _unsavedEvents > 0 || _strategiesRebuilt ? SnapshotAsync() : Task.CompletedTask;

    private async Task SnapshotAsync()
    {
        try
        {
            state.State.History = _history.ToBytes();
            await state.WriteStateAsync();
            _unsavedEvents = 0;
            _strategiesRebuilt = false;
        }
        catch (Exception ex)
        {
            // The journal still holds every event, so a failed snapshot only means a longer replay next time.
            logger.LogWarning(ex, "Snapshot of learner {Tenant}/{Learner} at sequence {Sequence} failed",
                _tenant.Value, _history.Learner.Value, state.State.LastSequence);
            if (ex is InconsistentStateException)
            {
                DeactivateOnIdle(); // another activation wrote it: reload rather than overwrite
            }
        }
    }
}
