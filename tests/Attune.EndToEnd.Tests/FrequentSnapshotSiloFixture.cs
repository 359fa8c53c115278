namespace Attune.EndToEnd.Tests;

/// <summary>
/// A silo whose learners snapshot every few events and every second, so a kill lands between snapshots with a
/// journal tail to replay, not on learners that never wrote one.
/// </summary>
public sealed class FrequentSnapshotSiloFixture : SiloFixture
{
    public FrequentSnapshotSiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Learners__SnapshotEveryEvents"] = "20",
            ["Attune__Learners__SnapshotEvery"] = "00:00:01",
        })
    {
    }
}
