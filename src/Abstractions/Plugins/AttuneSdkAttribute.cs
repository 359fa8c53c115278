namespace Attune.Plugins;

/// <summary>
/// Records, in a plugin assembly, the SDK version it was written for:
/// <c>[assembly: AttuneSdk(AttuneSdk.Major, AttuneSdk.Minor)]</c>. The constants are baked in at compile time,
/// so the host can tell which SDK the plugin was built against even when the referenced assembly version was not bumped.
/// Without it the host reads the version of the <c>Attune.Abstractions</c> assembly the plugin references.
/// </summary>
/// <param name="major">The SDK major version the plugin was built against.</param>
/// <param name="minor">The SDK minor version the plugin was built against.</param>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AttuneSdkAttribute(int major, int minor) : Attribute
{
    /// <summary>The SDK major version the plugin was built against.</summary>
    public int Major { get; } = major;

    /// <summary>The SDK minor version the plugin was built against.</summary>
    public int Minor { get; } = minor;
}
