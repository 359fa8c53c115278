using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Logistic;

namespace Attune.Plugins.KnowledgeTracing.Tests.Logistic;

public sealed class LogisticFitterTests
{
    private static readonly LogisticParameters Truth = new()
    {
        Bias = -0.4,
        SkillSuccesses = 0.6,
        SkillFailures = -0.5,
        LastOnSkill = 0.2,
        RecentOnSkill = 0.3,
        TotalSuccesses = 0.15,
        TotalFailures = -0.25,
        Skills = new Dictionary<string, SkillCoefficients>(StringComparer.Ordinal)
        {
            ["easy"] = new(0.8, 0, 0),
            ["hard"] = new(-0.8, 0.2, 0),
        },
    };

    /// <summary>Learners answering by the logistic model itself, their evidence kept by the plugin's own updates.</summary>
    private static List<LogisticAttempt> Simulate(int learners, int answers, int seed)
    {
        var random = new Random(seed);
        string[] skills = ["easy", "hard", "plain"];
        var rows = new List<LogisticAttempt>();
        for (var l = 0; l < learners; l++)
        {
            var evidence = new Dictionary<string, SkillEvidence>(StringComparer.Ordinal);
            var learner = default(LearnerEvidence);
            for (var j = 0; j < answers; j++)
            {
                var skill = skills[random.Next(skills.Length)];
                evidence.TryGetValue(skill, out var e);
                var correct = random.NextDouble() < LogisticPredictor.Predict(Truth, null, skill, e, learner);
                rows.Add(new LogisticAttempt(null, [new SkillSnapshot(skill, e)], learner, correct));
                evidence[skill] = LogisticPredictor.WithAnswer(e, correct);
                learner = LogisticPredictor.WithAnswer(learner, correct);
            }
        }
        return rows;
    }

    [Fact]
    public void TheFitPredictsLikeTheModelThatGeneratedTheAnswers()
    {
        var train = Simulate(1500, 30, seed: 1);
        var test = Simulate(300, 30, seed: 2);

        var fit = LogisticFitter.Fit(train, new LogisticFitOptions { MinAnswersPerItem = 0 });

        var error = test.Average(a => Math.Abs(LogisticFitter.Predict(fit.Parameters, a) - LogisticFitter.Predict(Truth, a)));
        Assert.True(error < 0.02, $"mean |p_fit − p_true| = {error}");
        Assert.True(fit.Parameters.For("easy").Easiness > fit.Parameters.For("hard").Easiness);
    }

    [Fact]
    public void OnlinePredictionEqualsTheFittersOwnPrediction()
    {
        var evidence = new SkillEvidence(0.5, 0, 5, 3, 2, 1, 0.4);
        var learner = new LearnerEvidence(10, 4, -1, -0.2);

        Assert.Equal(
            LogisticFitter.Predict(Truth, new LogisticAttempt(null, [new SkillSnapshot("hard", evidence)], learner, true)),
            LogisticPredictor.Predict(Truth, null, "hard", evidence, learner), 12);
    }

    [Fact]
    public void SkillsWithTooFewAnswersUseOnlyTheSharedWeights()
    {
        var fit = LogisticFitter.Fit(Simulate(50, 4, seed: 3), new LogisticFitOptions { MinAnswersPerSkill = 1000 });

        Assert.Empty(fit.Parameters.Skills);
    }
}
