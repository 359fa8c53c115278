using System.Globalization;

namespace Attune.Cluster.Bench;

/// <summary>One row of the bench: how many silos, and whether they run on the embedded SQLite files or in Postgres mode.</summary>
/// <param name="Postgres">PostgreSQL for the journal, snapshots and jobs, Redis for membership; otherwise SQLite and localhost clustering.</param>
public sealed record ClusterConfiguration(string Name, int Silos, bool Postgres)
{
    public static IReadOnlyList<ClusterConfiguration> Defaults { get; } = [Parse("sqlite"), Parse("pg1"), Parse("pg3")];

    public string Describe() => Postgres
        ? $"PostgreSQL + Redis, {Silos} silo{(Silos == 1 ? "" : "s")}"
        : "SQLite, 1 silo (baseline)";

    /// <summary><c>sqlite</c>, or <c>pgN</c> for N silos in Postgres mode.</summary>
    public static ClusterConfiguration Parse(string name)
    {
        if (name == "sqlite")
        {
            return new ClusterConfiguration(name, 1, Postgres: false);
        }
        if (name.StartsWith("pg", StringComparison.Ordinal) &&
            int.TryParse(name[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var silos) && silos is >= 1 and <= 9)
        {
            return new ClusterConfiguration(name, silos, Postgres: true);
        }
        throw new ArgumentException($"'{name}' is not a configuration: use sqlite or pgN (N silos in Postgres mode, 1 to 9)");
    }
}
