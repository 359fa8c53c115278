using System.Globalization;
using System.Text;

namespace Attune.Bench;

/// <summary>Collects the measurements of one run and renders them as the Markdown tables printed and saved under bench/results.</summary>
public sealed class Report
{
    private readonly List<string> _context = [];
    private readonly List<LoadResult> _ingestion = [];
    private readonly List<(string Row, string What)> _ingestionLabels = [];
    private readonly List<(string Stage, Latencies Latency)> _stages = [];
    private readonly List<(string Path, LatencyResult Result)> _recommendations = [];
    private readonly List<(string Process, double PeakMiB, string Note)> _memory = [];
    private readonly List<string> _notes = [];

    public double? HttpEventsPerSecond { get; set; }
    public double? HttpRecommendationP99 { get; set; }

    public void Context(string line) => _context.Add(line);

    public void Ingestion(string row, string what, LoadResult result)
    {
        _ingestion.Add(result);
        _ingestionLabels.Add((row, what));
        Console.WriteLine($"  {row}: {result.EventsPerSecond,10:N0} events/s, batch p50 {result.BatchLatency.Percentile(50):0.0} ms, p99 {result.BatchLatency.Percentile(99):0.0} ms");
    }

    public void Stage(string stage, Latencies latency) => _stages.Add((stage, latency));

    public void Recommendations(string path, LatencyResult result)
    {
        _recommendations.Add((path, result));
        Console.WriteLine($"  {path}, {result.Clients} client(s): p50 {result.Latency.Percentile(50):0.00} ms, p99 {result.Latency.Percentile(99):0.00} ms");
    }

    public void Memory(string process, double peakMiB, string note) => _memory.Add((process, peakMiB, note));

    public void Note(string note) => _notes.Add(note);

    public void Waited(string row, string what)
    {
        if (what.Length > 0)
        {
            _notes.Add($"Before row {row}: {what}.");
        }
    }

    public string Render()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Attune bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        foreach (var line in _context)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        if (HttpEventsPerSecond is not null || HttpRecommendationP99 is not null)
        {
            md.AppendLine();
            md.AppendLine("## Aims");
            md.AppendLine();
            md.AppendLine("| aim | reached | met |");
            md.AppendLine("| --- | ---: | :---: |");
            if (HttpEventsPerSecond is { } rate)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| ≥ 10,000 events/s end to end (HTTP → journal → grains) | {rate:N0} events/s | {(rate >= 10_000 ? "yes" : "**no**")} |");
            }
            if (HttpRecommendationP99 is { } p99)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| p99 recommendation < 10 ms (HTTP, worst of 1 and N clients) | {p99:0.00} ms | {(p99 < 10 ? "yes" : "**no**")} |");
            }
        }

        if (_ingestion.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Ingestion");
            md.AppendLine();
            md.AppendLine("| row | what is measured | events | wall s | events/s | batch p50 ms | batch p99 ms | batch max ms | CPU cores busy | CPU µs per event | machine |");
            md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
            for (var i = 0; i < _ingestion.Count; i++)
            {
                var r = _ingestion[i];
                var (row, what) = _ingestionLabels[i];
                var seconds = r.Elapsed.TotalSeconds;
                var cpu = r.ServerCpuSeconds is { } server
                    ? $"silo {server / seconds:0.00} + bench {r.ClientCpuSeconds / seconds:0.00}"
                    : $"{r.ClientCpuSeconds / seconds:0.00} (one process)";
                // CPU per event is what a busy neighbour changes least: it says what the work costs, not how long it waited.
                var perEvent = (r.ServerCpuSeconds ?? r.ClientCpuSeconds) * 1e6 / Math.Max(1, r.Events);
                var outcome = r.Failed > 0 || r.Duplicates > 0 ? $" ({r.Failed:N0} failed, {r.Duplicates:N0} duplicates)" : "";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row} | {what}{outcome} | {r.Events:N0} | {seconds:0.00} | **{r.EventsPerSecond:N0}** | {r.BatchLatency.Percentile(50):0.0} | {r.BatchLatency.Percentile(99):0.0} | {r.BatchLatency.Max:0.0} | {cpu} | {perEvent:0} | {r.Machine} |");
            }
        }

        if (_stages.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Where a batch's time goes (direct, staged)");
            md.AppendLine();
            md.AppendLine("| stage | mean ms | p50 ms | p99 ms | max ms |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (stage, l) in _stages)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {l.Mean:0.0} | {l.Percentile(50):0.0} | {l.Percentile(99):0.0} | {l.Max:0.0} |");
            }
        }

        if (_recommendations.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Recommendation latency");
            md.AppendLine();
            md.AppendLine("| path | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-empty answers |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (path, r) in _recommendations)
            {
                var l = r.Latency;
                var failed = r.Failed > 0 ? $" ({r.Failed:N0} failed)" : "";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {path}{failed} | {r.Clients} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {l.Percentile(50):0.00} | {l.Percentile(95):0.00} | **{l.Percentile(99):0.00}** | {l.Max:0.00} | {100.0 * r.NonEmpty / r.Requests:0.0} % |");
            }
        }

        if (_memory.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Memory");
            md.AppendLine();
            md.AppendLine("| process | peak working set (VmHWM) MiB | note |");
            md.AppendLine("| --- | ---: | --- |");
            foreach (var (process, peak, note) in _memory)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {process} | {peak:N0} | {note} |");
            }
        }

        if (_notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in _notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }
        return md.ToString();
    }
}
