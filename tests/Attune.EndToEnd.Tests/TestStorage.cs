using Attune.Tests;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Which storage the silos under test use. <c>ATTUNE_TEST_STORAGE=Postgres</c> runs the whole end-to-end suite in
/// production mode: each silo fixture gets its own PostgreSQL database and joins its own Redis-clustered cluster.
/// </summary>
public static class TestStorage
{
    public static bool Postgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("ATTUNE_TEST_STORAGE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings of a silo in Postgres mode with Redis clustering, as environment variables.</summary>
    public static Dictionary<string, string> PostgresSettings(PostgresTestDatabase database, string clusterId) => new()
    {
        ["Attune__Storage__Provider"] = "Postgres",
        ["Attune__Storage__Postgres"] = database.ConnectionString,
        ["Attune__Orleans__Clustering"] = "Redis",
        ["Attune__Orleans__Redis"] = TestServices.Redis,
        ["Attune__Orleans__ClusterId"] = clusterId,
        ["Attune__Orleans__AdvertisedAddress"] = "127.0.0.1",
    };
}
