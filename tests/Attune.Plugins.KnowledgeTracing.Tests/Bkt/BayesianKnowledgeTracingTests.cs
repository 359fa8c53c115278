using Attune.Plugins.KnowledgeTracing.Bkt;

namespace Attune.Plugins.KnowledgeTracing.Tests.Bkt;

public sealed class BayesianKnowledgeTracingTests
{
    private static readonly BktParameters P = new(Prior: 0.3, Learn: 0.1, Forget: 0.05, Guess: 0.2, Slip: 0.1);

    [Fact]
    public void PredictionIsKnownTimesNoSlipPlusUnknownTimesGuess() =>
        Assert.Equal(0.4 * 0.9 + 0.6 * 0.2, BayesianKnowledgeTracing.PredictCorrect(0.4, P), 12);

    [Fact]
    public void PosteriorIsBayesRuleOnOneAnswer()
    {
        // Correct: 0.4·0.9 / (0.4·0.9 + 0.6·0.2) = 0.36 / 0.48; wrong: 0.4·0.1 / (0.4·0.1 + 0.6·0.8) = 0.04 / 0.52.
        Assert.Equal(0.75, BayesianKnowledgeTracing.Posterior(0.4, true, P), 12);
        Assert.Equal(0.04 / 0.52, BayesianKnowledgeTracing.Posterior(0.4, false, P), 12);
    }

    [Fact]
    public void AnOpportunityForgetsOverTheGapThenWeighsTheAnswerThenLearns()
    {
        var forgotten = 0.8 * Math.Pow(0.95, 2);
        var posterior = forgotten * 0.9 / (forgotten * 0.9 + (1 - forgotten) * 0.2);
        var expected = posterior + (1 - posterior) * 0.1;

        Assert.Equal(expected, BayesianKnowledgeTracing.Update(0.8, true, 2, P), 12);
    }

    [Fact]
    public void AnOpportunityWithoutAnAnswerOnlyForgetsAndLearns() =>
        Assert.Equal(0.5 + 0.5 * 0.1, BayesianKnowledgeTracing.Update(0.5, null, 0, P), 12);

    [Fact]
    public void MasteryNeverFallsAfterACorrectAnswerForAnyNonDegenerateParameters()
    {
        // Every parameter set the plugin accepts (guess + slip ≤ 0.95), every mastery, every gap: a correct answer
        // moves mastery up from where it stands at that moment (forgetting since the last opportunity included).
        double[] grid = [0, 0.001, 0.05, 0.2, 0.45, 0.5, 0.8, 0.95];
        foreach (var guess in grid)
        {
            foreach (var slip in grid)
            {
                if (guess + slip > BktParameters.MaxGuessPlusSlip)
                {
                    continue;
                }
                foreach (var learn in new[] { 0, 0.01, 0.3 })
                {
                    foreach (var forget in new[] { 0, 0.02, 0.4 })
                    {
                        var p = new BktParameters(0.3, learn, forget, guess, slip);
                        Assert.Null(p.Problem());
                        for (var m = 0.0; m <= 1.0; m += 0.01)
                        {
                            foreach (var gap in new[] { 0.0, 0.5, 3, 40 })
                            {
                                var atAnswer = BayesianKnowledgeTracing.Forget(m, gap, p);
                                Assert.True(BayesianKnowledgeTracing.Update(m, true, gap, p) >= atAnswer - 1e-15,
                                    $"mastery fell after a correct answer: G={guess} S={slip} T={learn} F={forget} m={m} gap={gap}");
                                Assert.True(BayesianKnowledgeTracing.Posterior(atAnswer, false, p) <= atAnswer + 1e-15,
                                    $"a wrong answer raised mastery before learning: G={guess} S={slip} m={atAnswer}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void WithGuessAboveOneMinusSlipACorrectAnswerWouldLowerMasterySoSuchParametersAreRefused()
    {
        var degenerate = new BktParameters(0.3, 0, 0, Guess: 0.7, Slip: 0.4);

        Assert.True(BayesianKnowledgeTracing.Posterior(0.5, true, degenerate) < 0.5);
        Assert.Contains("would lower mastery", degenerate.Problem());
    }

    [Fact]
    public void ClampingKeepsGuessBelowOneMinusSlip()
    {
        var clamped = new BktParameters(2, -1, 0.9, 0.99, 0.99).Clamped();

        Assert.True(clamped.Guess < 1 - clamped.Slip);
        Assert.Null(clamped.Problem());
    }
}
