namespace Attune.EndToEnd.Tests;

/// <summary>
/// The classes that never stop their silo share one: a silo takes seconds to start, and these tests keep out of each
/// other's way by learner and course ids. Tests of one collection run one at a time, so journal row counts are stable.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "shared silo";
}
