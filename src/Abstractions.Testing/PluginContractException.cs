namespace Attune.Plugins.Testing;

/// <summary>
/// A plugin broke a rule the host enforces (a NaN score, an unknown item, a plan over budget, a missing
/// <see cref="AttunePluginAttribute"/>, ...). In a silo the same result would be thrown away and the learner would
/// get the baseline; in a test it fails with this message, which names the rule and the offending value.
/// </summary>
public sealed class PluginContractException : Exception
{
    /// <summary>Creates the exception with a message naming the broken rule.</summary>
    public PluginContractException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the broken rule and the exception that revealed it.</summary>
    public PluginContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
