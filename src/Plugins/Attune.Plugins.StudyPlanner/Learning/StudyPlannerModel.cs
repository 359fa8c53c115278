namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>The serving <see cref="LearningModel"/> of a tenant, as the host hands it back to every call.</summary>
internal sealed class StudyPlannerModel(ModelArtifact artifact, LearningModel model) : IStrategyModel
{
    public ModelArtifact Artifact { get; } = artifact;

    public LearningModel Model { get; } = model;
}
