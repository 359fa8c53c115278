namespace Attune.Cluster.Bench;

/// <summary>What the SIGKILL of one silo under load cost.</summary>
/// <param name="KilledAfter">Seconds of load before the kill.</param>
/// <param name="MembersSeen">Per survivor, when its <c>GET /health</c> first counted only the survivors as active, from the kill.</param>
/// <param name="Load">Per silo (by index), the ingestion requests of the load.</param>
/// <param name="EventsPerSecond">Events the load got acknowledged per second before the kill, and from the kill until the learners were served again.</param>
/// <param name="Acknowledged">Events the load got acknowledged in all.</param>
/// <param name="Journaled">Events the journal took during the load (Postgres mode): at least <paramref name="Acknowledged"/>.</param>
/// <param name="VictimPeakRssMiB">The killed silo's peak resident set, read just before the kill.</param>
/// <param name="SurvivorPeakRssMiB">The survivors' peak resident set after recovery (the victim's learners now live there).</param>
/// <param name="SurvivorWarnings">What each survivor logged at Warning or above after the kill, one line per entry.</param>
/// <param name="SurvivorWarningCount">How many warnings each survivor logged after the kill.</param>
public sealed record RecoveryResult(
    int Victim,
    int[] Survivors,
    TimeSpan KilledAfter,
    IReadOnlyDictionary<int, TimeSpan?> MembersSeen,
    LearnerSweep.Result Sweep,
    IReadOnlyList<RecoveryLoad.SiloTally> Load,
    (double BeforeKill, double AfterKill) EventsPerSecond,
    long Acknowledged,
    long? Journaled,
    double VictimPeakRssMiB,
    IReadOnlyDictionary<int, double> SurvivorPeakRssMiB,
    IReadOnlyDictionary<int, IReadOnlyList<string>> SurvivorWarnings,
    IReadOnlyDictionary<int, int> SurvivorWarningCount);
