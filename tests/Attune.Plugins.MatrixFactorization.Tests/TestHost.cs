using Attune.Learners;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Tests;

/// <summary>What the silo does around the plugin, reduced to what the tests need.</summary>
internal static class TestHost
{
    public static MatrixFactorizationRecommender Create(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Factors"] = "8",
            ["Epochs"] = "10",
            ["Tuning:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new MatrixFactorizationRecommender(new PluginContext("matrix-factorization", new NullLogger(), TimeProvider.System, new PluginSettings(values), 1));
    }

    public static ModelArtifact Train(MatrixFactorizationRecommender recommender, IReadOnlyList<LearningEvent> events, int seed = 11) =>
        recommender.TrainAsync(new TrainingRequest(new TenantId("t"), null, seed), new ListSource(events), new Progress<TrainingProgress>(), CancellationToken.None)
            .GetAwaiter().GetResult() ?? throw new InvalidOperationException("no model");

    public static InteractionJournal Journal(IEnumerable<LearningEvent> events)
    {
        var journal = new InteractionJournal();
        foreach (var e in events)
        {
            journal.Add(e);
        }
        return journal;
    }

    public static Dictionary<LearnerId, LearnerHistory> Histories(IEnumerable<LearningEvent> events)
    {
        var histories = new Dictionary<LearnerId, Attune.Plugins.Testing.LearnerHistoryBuilder>();
        foreach (var e in events)
        {
            if (!histories.TryGetValue(e.Learner, out var h))
            {
                histories[e.Learner] = h = new Attune.Plugins.Testing.LearnerHistoryBuilder(e.Learner);
            }
            h.Apply(e);
        }
        return histories.ToDictionary(h => h.Key, h => h.Value.History);
    }

    public sealed class ListSource(IReadOnlyList<LearningEvent> events) : IInteractionSource
    {
        public long EstimatedCount => events.Count;

        public async IAsyncEnumerable<LearningEvent> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return e;
            }
            await Task.CompletedTask;
        }
    }

    private sealed class NullLogger : IPluginLogger
    {
        public bool IsEnabled(PluginLogLevel level) => false;

        public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
        {
        }
    }
}
