using System.Text;
using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Plugins.KnowledgeTracing.Planning;
using Attune.Plugins.KnowledgeTracing.Tests.Bkt;
using Attune.Plugins.Testing;

namespace Attune.Plugins.KnowledgeTracing.Tests;

/// <summary>The plugin as a trainable strategy (SDK 1.1): fitted from the journal by the host, loaded back, and run on the fit.</summary>
public sealed class KnowledgeTracingTrainingTests
{
    private static readonly DateTimeOffset Now = PluginTestBench.DefaultStart;
    private static readonly BktParameters Truth = new(Prior: 0.4, Learn: 0.3, Forget: 0, Guess: 0.25, Slip: 0.08);

    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _math = new TestCourse("math101")
        .Item("fractions-1", skills: ["fractions"])
        .Item("decimals-1", skills: ["decimals"]);

    [Fact]
    public async Task TrainingFitsBktForEachSkillWithEnoughAnswersAndPoolsTheRest()
    {
        SimulateJournal();
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var interactions = new RecordedInteractions(_bench.Journal);
        var reports = new List<TrainingProgress>();

        var artifact = await strategy.TrainAsync(new TrainingRequest(new TenantId("uni"), null, _bench.Seed), interactions, new ListProgress(reports), CancellationToken.None);

        Assert.NotNull(artifact);
        Assert.Equal(("knowledge-tracing", KnowledgeTracingArtifact.Format), (artifact.Plugin, artifact.Format));
        Assert.Equal(2400 + 12, artifact.Metrics["answers"]);
        Assert.Equal(1, artifact.Metrics["skills_fitted"]);
        Assert.Equal(1, interactions.Reads);
        Assert.Equal(100, reports[^1].Percent);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Percent <= p.Second.Percent), string.Join(", ", reports));

        var fitted = Assert.IsType<KnowledgeTracingStrategyModel>(strategy.LoadModel(artifact)).Model;
        var expected = KnowledgeTracingTrainer.Fit(_bench.Journal).Model; // the same rules on the same events
        Assert.Equal(["fractions"], fitted.SkillBkt.Keys);
        Assert.Equal(expected.ToSettings(), fitted.ToSettings());
        var fractions = fitted.BktFor("fractions");
        Assert.InRange(fractions.Learn, Truth.Learn - 0.08, Truth.Learn + 0.08);
        Assert.InRange(fractions.Guess, Truth.Guess - 0.08, Truth.Guess + 0.08);
        Assert.Equal(fitted.DefaultBkt, fitted.BktFor("decimals")); // 12 answers: below FitMinAnswersPerSkill
    }

    [Fact]
    public async Task TheMinimumAnswersForAFitOfItsOwnIsASetting()
    {
        SimulateJournal();
        _bench.Settings["FitMinAnswersPerSkill"] = "10";
        var strategy = _bench.Create<KnowledgeTracingStrategy>();

        var artifact = await strategy.TrainAsync(new TrainingRequest(new TenantId("uni"), null, _bench.Seed), new RecordedInteractions(_bench.Journal),
            new ListProgress([]), CancellationToken.None);

        var fitted = Assert.IsType<KnowledgeTracingStrategyModel>(strategy.LoadModel(artifact!)).Model;
        Assert.Equal(["decimals", "fractions"], fitted.SkillBkt.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AJournalWithoutAnswersHasNothingToFit()
    {
        _bench.Learner("alice").Viewed(_math["fractions-1"]).Complete(_math["decimals-1"], Now.AddHours(-1));
        var strategy = _bench.Create<KnowledgeTracingStrategy>();

        var artifact = await strategy.TrainAsync(new TrainingRequest(new TenantId("uni"), null, _bench.Seed), new RecordedInteractions(_bench.Journal),
            new ListProgress([]), CancellationToken.None);

        Assert.Null(artifact);
    }

    [Fact]
    public async Task UnderAFittedModelObservePlanAndDescribeUseItsParameters()
    {
        SimulateJournal();
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var model = strategy.LoadModel((await strategy.TrainAsync(new TrainingRequest(new TenantId("uni"), null, _bench.Seed),
            new RecordedInteractions(_bench.Journal), new ListProgress([]), CancellationToken.None))!);
        var p = ((KnowledgeTracingStrategyModel)model).Model.BktFor("fractions");
        var alice = _bench.Learner("alice")
            .Answer(_math["fractions-1"], 1, Now.AddDays(-2))
            .Answer(_math["fractions-1"], 0, Now.AddDays(-1));

        var state = PluginState.Empty;
        foreach (var e in alice.Events)
        {
            state = strategy.Observe(new ObservationContext(e, alice.History, state, Now) { Model = model });
        }
        var description = strategy.Describe(new DescriptionContext(alice.History, state, Now) { Model = model });
        var plan = strategy.Plan(new PlanningContext(alice.History, alice.Profile, state, _math.Ranked("fractions-1"), null, 10, Now) { Model = model });

        var expected = BayesianKnowledgeTracing.Forget(
            BayesianKnowledgeTracing.Update(BayesianKnowledgeTracing.Update(p.Prior, true, 0, p), false, 1, p), 1, p);
        var fractions = Assert.Single(description.Skills);
        Assert.Equal(expected, fractions.Mastery, 12);
        Assert.Equal(p.Learn, fractions.Values["bktLearn"]);
        Assert.Equal($"practise fractions: mastery {MasteryWording.Number(expected)}", plan.Steps[0].Reason);
        var unfitted = Assert.Single(strategy.Mastery(alice.StateOf(strategy), Now)).Estimate;
        Assert.True(Math.Abs(unfitted - expected) > 0.01, $"the fit should matter here: {unfitted} without it, {expected} with it");
    }

    [Fact]
    public void AModelInAnotherFormatOrWithDegenerateParametersIsRefused()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var degenerate = Encoding.UTF8.GetBytes("""{"Bkt:Skills:fractions:Guess":"0.6","Bkt:Skills:fractions:Slip":"0.4"}""");

        Assert.Throws<FormatException>(() => strategy.LoadModel(new ModelArtifact("knowledge-tracing", "knowledge-tracing/0", [], new Dictionary<string, double>())));
        Assert.Throws<FormatException>(() => strategy.LoadModel(new ModelArtifact("knowledge-tracing", KnowledgeTracingArtifact.Format, [1, 2], new Dictionary<string, double>())));
        var refused = Assert.Throws<FormatException>(() => strategy.LoadModel(new ModelArtifact("knowledge-tracing", KnowledgeTracingArtifact.Format, degenerate, new Dictionary<string, double>())));
        Assert.Contains("would lower mastery", refused.Message);
    }

    /// <summary>300 learners answer 8 times on fractions (BKT with <see cref="Truth"/>); 3 learners answer 4 times on decimals.</summary>
    private void SimulateJournal()
    {
        var minute = 0;
        foreach (var (sequence, i) in BktFitterTests.Simulate(Truth, 300, 8, seed: 5).Select((s, i) => (s, i)))
        {
            var learner = _bench.Learner($"l{i}");
            foreach (var o in sequence)
            {
                learner.Answer(_math["fractions-1"], o.Correct == true ? 1 : 0, Now.AddDays(-30).AddMinutes(minute++));
            }
        }
        for (var i = 0; i < 3; i++)
        {
            var learner = _bench.Learner($"d{i}");
            for (var j = 0; j < 4; j++)
            {
                learner.Answer(_math["decimals-1"], (i + j) % 2, Now.AddDays(-20).AddMinutes(minute++));
            }
        }
    }

    private sealed class ListProgress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
