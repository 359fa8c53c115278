namespace Attune.Plugins;

/// <summary>
/// The version of the plugin SDK. A host loads plugins built against its own major version and the same or an
/// older minor version; anything else is refused with a load error that names both versions, never half-loaded.
/// </summary>
public static class AttuneSdk
{
    /// <summary>
    /// Changes when a contract changes incompatibly. 2.0 made the one break: a read-only
    /// <see cref="Learners.LearnerHistory"/>, <see cref="IRecommender"/> split into scoring plus the optional
    /// <see cref="IEmbedsLearner"/> and <see cref="ITrainableRecommender"/>, one <see cref="ILearningStrategy.Observe"/>
    /// taking an <see cref="ObservationContext"/>, <see cref="ModelArtifact.Plugin"/>, <see cref="TenantId"/> in
    /// <see cref="TrainingRequest"/>, and the host's checks public in <see cref="HostRules"/>.
    /// </summary>
    public const int Major = 2;

    /// <summary>Changes when members are added; a plugin built for an older minor version of the same major loads unchanged.</summary>
    public const int Minor = 0;
}
