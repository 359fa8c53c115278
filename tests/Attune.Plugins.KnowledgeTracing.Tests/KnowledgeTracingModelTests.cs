using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Logistic;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Plugins.KnowledgeTracing.Tests.Bkt;
using Attune.Plugins.Testing;

namespace Attune.Plugins.KnowledgeTracing.Tests;

public sealed class KnowledgeTracingModelTests
{
    [Fact]
    public void AModelWrittenAsSettingsReadsBackTheSame()
    {
        var model = new KnowledgeTracingModel(
            new BktParameters(0.25, 0.1, 0.01, 0.2, 0.1),
            new Dictionary<string, BktParameters> { ["skill:with:colons"] = new(0.5, 0.2, 0.03, 0.25, 0.05) },
            LogisticParameters.Default with
            {
                Skills = new Dictionary<string, SkillCoefficients> { ["fractions"] = new(0.3, -0.1, 0.05) },
                Items = new Dictionary<string, double> { ["quiz 3"] = -0.7 },
            });

        var read = KnowledgeTracingModel.FromSettings(new PluginSettings(model.ToSettings().ToDictionary(p => p.Key, p => (string?)p.Value)));

        Assert.Equal(model.ToSettings(), read.ToSettings());
        Assert.Equal(model.SkillBkt["skill:with:colons"], read.BktFor("skill:with:colons"));
        Assert.Equal(model.DefaultBkt, read.BktFor("anything else"));
    }

    [Fact]
    public void TheTrainerFitsTheJournalWithThePluginsRulesAndThePluginRunsOnTheResult()
    {
        var bench = new PluginTestBench();
        var course = new TestCourse("math101").Item("q", skills: ["fractions"]);
        var truth = new BktParameters(0.3, 0.2, 0.0, 0.2, 0.1);
        var day = 0;
        foreach (var (sequence, i) in BktFitterTests.Simulate(truth, 300, 8, seed: 21).Select((s, i) => (s, i)))
        {
            var learner = bench.Learner($"l{i}");
            foreach (var o in sequence)
            {
                learner.Answer(course["q"], o.Correct == true ? 1 : 0, PluginTestBench.DefaultStart.AddDays(-30 + day++ % 20));
            }
        }

        var training = KnowledgeTracingTrainer.Fit(bench.Journal);

        var fitted = training.SkillBkt["fractions"].Parameters;
        Assert.InRange(fitted.Learn, 0.1, 0.3);
        Assert.InRange(fitted.Guess, 0.1, 0.3);
        Assert.Equal(300, training.Learners);
        Assert.Equal(2400, training.Answers);
        foreach (var (key, value) in training.Model.ToSettings())
        {
            bench.Settings[key] = value;
        }
        var strategy = bench.Create<KnowledgeTracingStrategy>();
        Assert.Equal(fitted, strategy.Tracer.Model.BktFor("fractions"));
    }
}
