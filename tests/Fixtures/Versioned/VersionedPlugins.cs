using Attune;
using System.Buffers.Binary;
using Attune.Plugins;

// Built for SDK 2.0 and using nothing added since: hosts of every later 2.x must keep loading it unchanged.
[assembly: AttuneSdk(2, 0)]

namespace Fixture.Versioned;

/// <summary>Counts observed events. Version 1 stores an int32; version 2 stores an int64 and upgrades version-1 bytes.</summary>
[AttunePlugin("versioned-strategy")]
public sealed class VersionedStrategy : ILearningStrategy
{
#if V1
    private const int Format = 1;
#else
    private const int Format = 2;
#endif

    public PluginState Observe(ObservationContext context)
    {
        var (count, upgraded) = Read(context.State);
        return Write(count + 1, upgraded);
    }

    public LearningPlan Plan(PlanningContext context)
    {
        var (count, upgraded) = Read(context.State);
        var reason = $"v{Format}: observed {count} events" + (upgraded ? " (state upgraded from v1)" : "");
        return new LearningPlan(context.Candidates.Take(Math.Min(1, context.Limit))
            .Select(c => new PlanStep(c.Candidate, 0, reason, c.Score)).ToList());
    }

    private static (long Count, bool Upgraded) Read(PluginState state) => state.Version switch
    {
        0 => (0, false),
        1 => (BinaryPrimitives.ReadInt32LittleEndian(state.Data.Span), Format == 2),
#if V1
        _ => throw new InvalidOperationException($"state version {state.Version} is newer than this plugin"),
#else
        2 => (BinaryPrimitives.ReadInt64LittleEndian(state.Data.Span), state.Data.Span[8] == 1),
        _ => throw new InvalidOperationException($"unknown state version {state.Version}"),
#endif
    };

    private static PluginState Write(long count, bool upgraded)
    {
#if V1
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)count);
#else
        var bytes = new byte[9];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, count);
        bytes[8] = upgraded ? (byte)1 : (byte)0;
#endif
        return new PluginState(Format, bytes);
    }
}

/// <summary>Version 1 prefers popular items; version 2 prefers unpopular ones, so a swap is visible in the ranking.</summary>
[AttunePlugin("versioned-recommender")]
public sealed class VersionedRecommender : IEmbedsLearner
{
#if V1
    private const int Sign = 1;
#else
    private const int Sign = -1;
#endif

    public float[]? FoldIn(IRecommenderModel? model, Attune.Learners.LearnerHistory history) => [history.EventsApplied];

    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context) =>
        context.Candidates.Select(c => new ScoredCandidate(c, Sign * c.PeersEngaged, $"scored by v{(Sign > 0 ? 1 : 2)}")).ToList();
}

/// <summary>Trains a model of event counts per item, so tests can see which model version scored and folded.</summary>
[AttunePlugin("trainable-recommender")]
public sealed class TrainableRecommender(PluginContext context) : ITrainableRecommender, IEmbedsLearner
{
    // Lets end-to-end tests hold a training run open long enough to trigger it twice or kill the silo during it.
    private readonly TimeSpan _delay = TimeSpan.FromMilliseconds(context.Settings.GetDouble("TrainDelayMs", 0));

    public async Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        await Task.Delay(_delay, cancellationToken);
        var counts = new Dictionary<string, int>();
        await foreach (var e in interactions.ReadAsync(cancellationToken))
        {
            counts[e.Item.Value] = counts.GetValueOrDefault(e.Item.Value) + 1;
        }
        progress.Report(new TrainingProgress("counted", 100));
        var data = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(counts);
        return new ModelArtifact("trainable-recommender", "counts-v1", data, new Dictionary<string, double> { ["events"] = counts.Values.Sum() });
    }

    public IRecommenderModel LoadModel(ModelArtifact artifact) =>
        new CountsModel(artifact, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(artifact.Data)!);

    public float[]? FoldIn(IRecommenderModel? model, Attune.Learners.LearnerHistory history) =>
        [history.EventsApplied, model is CountsModel m ? m.Counts.Values.Sum() : -1];

    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context)
    {
        var model = context.Model as CountsModel;
        var total = model?.Counts.Values.Sum() ?? -1;
        return context.Candidates.Select(c => new ScoredCandidate(c, model?.Counts.GetValueOrDefault(c.Item.Value) ?? 0,
            $"model of {total} events; embedding folded against {context.Embedding?[1]}")).ToList();
    }

    private sealed record CountsModel(ModelArtifact Artifact, Dictionary<string, int> Counts) : IRecommenderModel;
}
