using Attune.Plugins.MatrixFactorization.Model;

namespace Attune.Plugins.MatrixFactorization.Tests.Model;

public sealed class ModelArtifactFormatTests
{
    private static readonly List<LearningEvent> Events = SyntheticLearners.Journal(learners: 80, items: 50, perLearner: 12);

    [Fact]
    public void ArtifactRoundTripsByteForByte()
    {
        var recommender = TestHost.Create();
        var artifact = TestHost.Train(recommender, Events);
        Assert.Equal("mf-als-v1", artifact.Format);
        Assert.Equal("matrix-factorization", artifact.Plugin);
        var content = ModelArtifactFormat.Read(artifact.Data);
        Assert.Equal(artifact.Data, ModelArtifactFormat.Write(content));
        var model = (MatrixFactorizationModel)recommender.LoadModel(artifact);
        Assert.Equal(50, model.ItemCount);
        Assert.Equal(8, model.Factors);
        Assert.Same(artifact, model.Artifact);
    }

    [Fact]
    public void CorruptOrForeignArtifactsAreRefused()
    {
        var recommender = TestHost.Create();
        var artifact = TestHost.Train(recommender, Events);
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Format = "mf-als-v0" }));
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = artifact.Data[..^10] }));
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = [.. artifact.Data, 0] }));
        var badMagic = (byte[])artifact.Data.Clone();
        badMagic[0] ^= 0xFF;
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = badMagic }));
        var hugeCount = (byte[])artifact.Data.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(hugeCount, 12); // the item count
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = hugeCount }));
        var nan = (byte[])artifact.Data.Clone();
        BitConverter.GetBytes(float.NaN).CopyTo(nan, nan.Length - 8); // inside the last factor array
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = nan }));
    }

    [Fact]
    public void ModelKeepsTheHyperparametersItWasTrainedWith()
    {
        var trainedWith = TestHost.Create(new Dictionary<string, string?> { ["Confidence:Completion"] = "5", ["Regularization"] = "0.02" });
        var artifact = TestHost.Train(trainedWith, Events);
        var servedBy = TestHost.Create(new Dictionary<string, string?> { ["Confidence:Completion"] = "0.5", ["Regularization"] = "0.5" });
        var history = TestHost.Histories(Events)[new LearnerId("learner-3")];
        Assert.Equal(trainedWith.FoldIn(trainedWith.LoadModel(artifact), history), servedBy.FoldIn(servedBy.LoadModel(artifact), history));
    }
}
