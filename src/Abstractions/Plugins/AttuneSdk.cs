namespace Attune.Plugins;

/// <summary>
/// The version of the plugin SDK. A host loads plugins built against its own major version and the same or an
/// older minor version; anything else is refused with a load error, never half-loaded.
/// </summary>
public static class AttuneSdk
{
    /// <summary>Changes when a contract changes incompatibly.</summary>
    public const int Major = 1;

    /// <summary>
    /// Changes when members are added. 1.1 added <see cref="ITrainableStrategy"/> (strategies with a model fitted from
    /// the journal, and <see cref="PlanningContext.Model"/>) and <see cref="IDescribesLearner"/> (what a plugin knows
    /// about a learner, shown on the learner model). Both are optional interfaces, so a 1.0 plugin loads unchanged.
    /// </summary>
    /// <remarks>1.2 added <see cref="CatalogEntry"/>'s course structure, <see cref="PlanningContext.Catalog"/>,
    /// <see cref="TrainingRequest.Catalog"/> and <see cref="IEvaluatesStrategyModel"/>, all additive.</remarks>
    public const int Minor = 2;
}

/// <summary>
/// Optionally records, in a plugin assembly, the SDK version it was written for:
/// <c>[assembly: AttuneSdk(AttuneSdk.Major, AttuneSdk.Minor)]</c>. The constants are baked in at compile time,
/// so the host can tell which SDK the plugin was built against even when the referenced assembly version was not bumped.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AttuneSdkAttribute(int major, int minor) : Attribute
{
    /// <summary>The SDK major version the plugin was built against.</summary>
    public int Major { get; } = major;

    /// <summary>The SDK minor version the plugin was built against.</summary>
    public int Minor { get; } = minor;
}
