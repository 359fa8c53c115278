namespace Attune.Plugins;

/// <summary>
/// Marks a public class that implements <see cref="IRecommender"/> or <see cref="ILearningStrategy"/> as a plugin.
/// The class needs a public constructor taking a <see cref="PluginContext"/>, or a parameterless one.
/// </summary>
/// <param name="name">The name configuration uses to choose the plugin: lower-case letters, digits and '-', unique in a silo.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AttunePluginAttribute(string name) : Attribute
{
    /// <summary>The plugin's name, e.g. <c>peer-sequence</c>.</summary>
    public string Name { get; } = name;

    /// <summary>One sentence on what the plugin does, shown to admins.</summary>
    public string? Description { get; init; }
}
