using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Tests;

public sealed class LearningModelFitterTests
{
    [Fact]
    public void TheFitTellsAnActivityThatTeachesFromOneThatOnlyTakesTimeWhateverItsKindSays()
    {
        // The "video" teaches; the "lesson" hardly does: the kinds mislead, and only outcomes can tell.
        SyntheticCohort.Truth[] items =
        [
            new("a", "s1", 0.5, "video"), new("b", "s1", 0.03, "lesson"),
            new("c", "s2", 0.5, "video"), new("d", "s2", 0.03, "lesson"),
        ];
        var events = SyntheticCohort.Generate(items, new Dictionary<string, string>(), learners: 300, seed: 7);

        var fit = SyntheticCohort.Fit(events, items.ToDictionary(i => i.Item, i => i.Kind));

        foreach (var (teaches, idles) in new[] { ("a", "b"), ("c", "d") })
        {
            var good = fit.Model.Items[teaches].Learn;
            var poor = fit.Model.Items[idles].Learn;
            Assert.True(good > 0.3 && poor < 0.15, $"{teaches}: {good:0.###}, {idles}: {poor:0.###}");
        }
        Assert.True(fit.Model.Kinds["video"] > fit.Model.Kinds["lesson"], $"video {fit.Model.Kinds["video"]}, lesson {fit.Model.Kinds["lesson"]}");
        Assert.InRange(fit.Model.Skills["s1"].Guess, 0.05, 0.3);
        Assert.InRange(fit.Model.Skills["s1"].Slip, 0.02, 0.25);
    }

    [Fact]
    public void APrerequisiteTheCourseDoesNotStateIsInferredWithItsEvidence()
    {
        SyntheticCohort.Truth[] items =
        [
            new("a1", "base", 0.4, "lesson"), new("a2", "base", 0.4, "lesson"),
            new("b1", "built", 0.4, "lesson"), new("b2", "built", 0.4, "lesson"),
            new("c1", "apart", 0.4, "lesson"), new("c2", "apart", 0.4, "lesson"),
        ];
        var events = SyntheticCohort.Generate(items, new Dictionary<string, string> { ["built"] = "base" }, learners: 300, seed: 11);

        var fit = SyntheticCohort.Fit(events, items.ToDictionary(i => i.Item, i => i.Kind));

        var edge = Assert.Single(fit.Model.Inferred, e => e.Skill == "built");
        Assert.Equal("base", edge.Requires);
        Assert.True(edge.LearnWhenKnown > 1.5 * edge.LearnWhenUnknown, $"{edge}");
        Assert.True(edge.SessionsKnown >= 8 && edge.SessionsUnknown >= 8, $"{edge}");
        Assert.DoesNotContain(fit.Model.Inferred, e => e.Skill == "apart" || e.Requires == "apart" || e.Skill == "base");
    }

    [Fact]
    public void AFittedModelReadsBackAsItWasWritten()
    {
        SyntheticCohort.Truth[] items = [new("a", "s1", 0.4, "video"), new("b", "s1", 0.1, "lesson")];
        var fit = SyntheticCohort.Fit(SyntheticCohort.Generate(items, new Dictionary<string, string>(), 50, 3), items.ToDictionary(i => i.Item, i => i.Kind));
        var artifact = new ModelArtifact("study-planner", LearningModelArtifact.Format, LearningModelArtifact.Write(fit.Model), new Dictionary<string, double>());

        var read = LearningModelArtifact.Read(artifact);

        Assert.Equal(fit.Model.Items["a"], read.Items["a"]);
        Assert.Equal(fit.Model.Skills["s1"], read.Skills["s1"]);
        Assert.Equal(fit.Model.Kinds["video"], read.Kinds["video"]);
        Assert.Equal(LearningModelArtifact.Write(fit.Model), LearningModelArtifact.Write(read));
        Assert.Throws<FormatException>(() => LearningModelArtifact.Read(artifact with { Format = "study-planner/99" }));
        Assert.Throws<FormatException>(() => LearningModelArtifact.Read(artifact with { Data = "{"u8.ToArray() }));
    }
}
