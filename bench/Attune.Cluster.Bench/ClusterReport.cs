using System.Globalization;
using System.Text;
using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>Collects one run's results and renders them as the Markdown printed and saved under bench/results.</summary>
public sealed class ClusterReport
{
    private readonly List<string> _context = [];
    private readonly List<ConfigurationResult> _configurations = [];
    private readonly List<string> _notes = [];

    public RecoveryResult? Recovery { get; set; }

    /// <summary>The configuration the recovery run killed a silo of.</summary>
    public ClusterConfiguration? RecoveryConfiguration { get; set; }

    public void Context(string line) => _context.Add(line);

    public void Add(ConfigurationResult result) => _configurations.Add(result);

    public void Note(string note) => _notes.Add(note);

    public string Render()
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.AppendLine(text);
        Line(Invariant($"# Attune cluster bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Line();
        foreach (var line in _context)
        {
            Line($"- {line}");
        }

        Line();
        Line("## Ingestion over HTTP");
        Line();
        Line("| row | events | wall s | events/s | batch p50 ms | batch p99 ms | batch max ms | CPU cores busy | CPU µs per event | machine |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var c in _configurations)
        {
            if (c.Cold is { } cold)
            {
                Line(IngestionRow($"{c.Configuration.Describe()}, cold (warm-up pass, tenant '{SiloProcess.WarmupTenant}')", cold));
            }
            Line(IngestionRow($"**{c.Configuration.Describe()}**", c.Ingestion));
        }

        Line();
        Line("## Recommendation latency over HTTP");
        Line();
        Line("| configuration | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-empty answers |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in _configurations)
        {
            foreach (var r in new[] { c.RecommendationsOneClient, c.RecommendationsManyClients })
            {
                var l = r.Latency;
                var failed = r.Failed > 0 ? Invariant($" ({r.Failed:N0} failed)") : "";
                Line(Invariant($"| {c.Configuration.Describe()}{failed} | {r.Clients} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {l.Percentile(50):0.00} | {l.Percentile(95):0.00} | **{l.Percentile(99):0.00}** | {l.Max:0.00} | {100.0 * r.NonEmpty / r.Requests:0.0} % |"));
            }
        }

        if (Recovery is { } recovery && RecoveryConfiguration is { } killed)
        {
            RenderRecovery(md, recovery, killed);
        }

        Line();
        Line("## Memory: peak resident set (VmHWM) per silo process, MiB");
        Line();
        var most = Math.Max(1, _configurations.Select(c => c.PeakRssMiB.Length).DefaultIfEmpty(1).Max());
        Line("| configuration | " + string.Join(" | ", Enumerable.Range(0, most).Select(Cluster.Label)) + " | when |");
        Line("| --- | " + string.Join(" | ", Enumerable.Repeat("---:", most)) + " | --- |");
        foreach (var c in _configurations)
        {
            var cells = Enumerable.Range(0, most).Select(i => i < c.PeakRssMiB.Length ? Invariant($"{c.PeakRssMiB[i]:N0}") : "");
            Line($"| {c.Configuration.Describe()} | {string.Join(" | ", cells)} | after both passes and the recommendation runs |");
        }
        if (Recovery is { } r2 && RecoveryConfiguration is { } k2)
        {
            var cells = Enumerable.Range(0, most).Select(i =>
                i == r2.Victim ? Invariant($"{r2.VictimPeakRssMiB:N0} (killed)")
                : r2.SurvivorPeakRssMiB.TryGetValue(i, out var peak) ? Invariant($"{peak:N0}") : "");
            Line($"| {k2.Describe()}, recovery | {string.Join(" | ", cells)} | the victim just before the kill; the survivors after serving its learners |");
        }

        if (_notes.Count > 0)
        {
            Line();
            Line("## Notes");
            Line();
            foreach (var note in _notes)
            {
                Line($"- {note}");
            }
        }
        return md.ToString();
    }

    private static string IngestionRow(string row, IngestionResult result)
    {
        var r = result.Load;
        var seconds = r.Elapsed.TotalSeconds;
        var silos = r.ServerCpuSeconds ?? 0;
        // PostgreSQL and Redis do the journal's and membership's work outside the silo: count them, or Postgres mode looks cheap.
        var perEvent = (silos + result.ServiceCpuSeconds) * 1e6 / Math.Max(1, r.Events);
        var outcome = r.Failed > 0 || r.Duplicates > 0 ? Invariant($" ({r.Failed:N0} failed, {r.Duplicates:N0} duplicates)") : "";
        return Invariant($"| {row}{outcome} | {r.Events:N0} | {seconds:0.00} | **{r.EventsPerSecond:N0}** | {r.BatchLatency.Percentile(50):0.0} | {r.BatchLatency.Percentile(99):0.0} | {r.BatchLatency.Max:0.0} | silos {silos / seconds:0.00} + PostgreSQL/Redis {result.ServiceCpuSeconds / seconds:0.00} + bench {r.ClientCpuSeconds / seconds:0.00} | {perEvent:0} | {r.Machine} |");
    }

    private static void RenderRecovery(StringBuilder md, RecoveryResult r, ClusterConfiguration configuration)
    {
        void Line(string text = "") => md.AppendLine(text);
        string Seconds(TimeSpan? t) => t is { } time ? Invariant($"{time.TotalSeconds:0.0} s") : "**not within the timeout**";
        var sweep = r.Sweep;
        var victim = Cluster.Label(r.Victim);
        var failedOnVictim = r.Load[r.Victim].Failed;
        var failedOnSurvivors = r.Survivors.Sum(s => r.Load[s].Failed);
        var readsFailed = sweep.Answers.Sum(a => a.Value.Where(x => x.Key != "200").Sum(x => x.Value));

        Line();
        Line($"## Recovery: SIGKILL {victim} of {configuration.Describe()} under load");
        Line();
        Line("| measure | value |");
        Line("| --- | --- |");
        Line(Invariant($"| load before the kill | {r.KilledAfter.TotalSeconds:0.0} s of fresh batches round robin over all silos, {r.EventsPerSecond.BeforeKill:N0} events/s acknowledged |"));
        Line($"| (a) survivors' `GET /health` shows {r.Survivors.Length} active members | " +
            string.Join(", ", r.MembersSeen.Select(m => $"{Cluster.Label(m.Key)} after {Seconds(m.Value)}")) + " |");
        Line(Invariant($"| (b) every learner with events ({sweep.Learners:N0}) answers `GET /api/v1/learners/{{learner}}` 200 from a survivor | after {Seconds(sweep.AllServed)} ({sweep.Served:N0} served; the first round over all learners took {sweep.FirstRound.TotalSeconds:0.0} s and served {sweep.ServedFirstTime:N0}, {sweep.Rounds} rounds in all; the last read that got no 200 was sent {(sweep.LastFailure is { } last ? Seconds(last) : "never")} after the kill) |"));
        Line(Invariant($"| load from the kill until (a) and (b) | {r.EventsPerSecond.AfterKill:N0} events/s acknowledged, over the survivors only |"));
        Line(Invariant($"| (c) failed requests | ingestion: {failedOnVictim:N0} on {victim} (of them {r.Load[r.Victim].FailedInFlightAtKill:N0} in flight at the kill), {(failedOnSurvivors == 0 ? "none" : $"**{failedOnSurvivors:N0}**")} on the survivors; learner reads (all to survivors): {(readsFailed == 0 ? "none failed" : $"**{readsFailed:N0}** answered other than 200")} |"));
        if (r.Journaled is { } journaled)
        {
            Line(Invariant($"| journal | took {journaled:N0} events during the run; {r.Acknowledged:N0} were acknowledged{(journaled >= r.Acknowledged ? "" : " — **fewer than acknowledged**")} |"));
        }

        Line();
        Line("| silo | role | batches sent | acknowledged | failed | learner reads by answer | warnings after the kill | first errors |");
        Line("| --- | --- | ---: | ---: | ---: | --- | ---: | --- |");
        for (var i = 0; i < r.Load.Count; i++)
        {
            var t = r.Load[i];
            var reads = sweep.Answers.TryGetValue(i, out var answers)
                ? string.Join(", ", answers.OrderByDescending(a => a.Value).Select(a => Invariant($"{a.Key} × {a.Value:N0}")))
                : "";
            var warnings = r.SurvivorWarningCount.TryGetValue(i, out var w) ? Invariant($"{w:N0}") : "";
            var errors = string.Join("; ", t.Errors.Select(e => e.Replace('|', '/').ReplaceLineEndings(" ")));
            Line(Invariant($"| {Cluster.Label(i)} | {(i == r.Victim ? "killed" : "survivor")} | {t.Sent:N0} | {t.Acknowledged:N0} | {t.Failed:N0} | {reads} | {warnings} | {errors} |"));
        }

        var logged = r.SurvivorWarnings.Where(w => w.Value.Count > 0).ToList();
        if (logged.Count > 0)
        {
            Line();
            Line("What the survivors logged at Warning or above after the kill, by category (count, then the first message):");
            Line();
            foreach (var (silo, lines) in logged)
            {
                foreach (var group in lines.GroupBy(Category).OrderByDescending(g => g.Count()))
                {
                    var first = group.First();
                    var message = first[group.Key.Length..].Trim();
                    Line(Invariant($"- {Cluster.Label(silo)}: {group.Count():N0} × `{group.Key}` {(message.Length > 400 ? message[..400] + "…" : message)}"));
                }
            }
        }
    }

    /// <summary>"warn: Orleans.Runtime.Catalog[100506] message" → "warn: Orleans.Runtime.Catalog[100506]".</summary>
    private static string Category(string headline)
    {
        var end = headline.IndexOf(']', StringComparison.Ordinal);
        return end > 0 ? headline[..(end + 1)] : headline.Split(' ')[0];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
