namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Marked as a plugin but implementing neither contract.</summary>
[AttunePlugin("contractless")]
public sealed class ContractlessPlugin
{
}
