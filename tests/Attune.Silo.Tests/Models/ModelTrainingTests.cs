using Attune.Plugins;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Attune.Silo.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Silo.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class ModelTrainingTests(ClusterFixture fixture)
{
    private static readonly TenantId Trained = new("trained");

    [Fact]
    public async Task ATrainedVersionServesAndEmbeddingsAreRefoldedAgainstIt()
    {
        var course = "course-" + Guid.NewGuid().ToString("n")[..8];
        var learner = new LearnerId("learner-" + Guid.NewGuid().ToString("n")[..12]);
        await IngestAsync(learner,
            Events.Make($"{learner}-1", learner.Value, item: "a", course: course),
            Events.Make($"{learner}-2", learner.Value, item: "b", course: course));
        var grain = fixture.Grains.GetLearner(Trained, learner);
        var untrained = await grain.RecommendAsync(new RecommendationRequest(course, 5, null));
        Assert.All(untrained.Items, i => Assert.Equal("model of -1 events; embedding folded against -1", i.Reason));

        var progress = new List<TrainingProgress>();
        var first = await Trainer.TrainAsync(Trained, "trainable-recommender", new Progress(progress), CancellationToken.None);
        var afterFirst = await grain.RecommendAsync(new RecommendationRequest(course, 5, null));

        Assert.Equal(1, first.Version);
        Assert.True(first.Serving);
        Assert.Equal("counted", Assert.Single(progress).Phase);
        var events = (int)first.Metrics["events"];
        Assert.All(afterFirst.Items, i => Assert.Equal($"model of {events} events; embedding folded against {events}", i.Reason));

        await IngestAsync(learner, Events.Make($"{learner}-3", learner.Value, item: "c", course: course));
        var second = await Trainer.TrainAsync(Trained, "trainable-recommender", new Progress(progress), CancellationToken.None);
        var afterSecond = await grain.RecommendAsync(new RecommendationRequest(course, 5, null));

        Assert.Equal(2, second.Version);
        Assert.All(afterSecond.Items, i => Assert.Equal($"model of {events + 1} events; embedding folded against {events + 1}", i.Reason));
        var versions = fixture.Silo.GetRequiredService<ModelStore>().List(Trained);
        Assert.Equal([2L, 1], versions.Select(v => v.Version));
        Assert.Equal([true, false], versions.Select(v => v.Serving));
    }

    [Fact]
    public async Task TrainingARecommenderThatIsNotLoadedIsRefused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Trainer.TrainAsync(Trained, "no-such-plugin", new Progress([]), CancellationToken.None));

    private ModelTrainer Trainer => fixture.Silo.GetRequiredService<ModelTrainer>();

    private async Task IngestAsync(LearnerId learner, params LearningEvent[] events)
    {
        var outcomes = await fixture.Journal.AppendAsync(Trained, events);
        await fixture.Grains.GetLearner(Trained, learner).ApplyAsync(events.Select((e, i) => JournalEntry.From(e, outcomes[i].Sequence)).ToArray());
    }

    /// <summary>Collects progress synchronously (System.Progress posts to the thread pool, which would race the assertions).</summary>
    private sealed class Progress(List<TrainingProgress> seen) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
