using Attune.Outcomes.Bench.Silo;

namespace Attune.Outcomes.Bench;

/// <summary>
/// What the daily cron would run each simulated night, triggered by the bench and waited for: per tenant, a fit of
/// every trainable strategy it serves (<c>GET /api/v1/admin/models</c> lists them) and a refactorization of its models.
/// </summary>
public sealed class NightlyJobs(AdminClient admin, IReadOnlyList<BenchConfiguration> configurations)
{
    /// <summary>The silo serves a newly published version within <c>Attune:Models:RefreshInterval</c>, set to 0.5 s for the bench.</summary>
    private static readonly TimeSpan ModelRefresh = TimeSpan.FromSeconds(0.6);

    private readonly Dictionary<string, IReadOnlyList<string>> _trainable = [];
    private readonly Dictionary<string, (int Succeeded, int Other, string? FirstProblem)> _outcomes = [];
    private readonly Dictionary<string, TimeSpan> _byKind = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; private set; }

    public int Nights { get; private set; }

    public async Task PrepareAsync()
    {
        foreach (var c in configurations)
        {
            _trainable[c.Key] = await admin.TrainableStrategiesAsync(c.Tenant);
        }
    }

    public IReadOnlyList<string> Trainable(BenchConfiguration c) => _trainable.GetValueOrDefault(c.Key) ?? [];

    /// <summary>Jobs that succeeded and the others, with the first problem, per configuration.</summary>
    public (int Succeeded, int Other, string? FirstProblem) Outcomes(BenchConfiguration c) => _outcomes.GetValueOrDefault(c.Key);

    /// <summary>Seconds from enqueue to end, summed per kind of job (fits of one strategy, refactorizations), slowest first.</summary>
    public string Durations()
    {
        lock (_byKind)
        {
            return string.Join(", ", _byKind.OrderByDescending(k => k.Value).Select(k =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{k.Key} {k.Value.TotalSeconds:0} s")));
        }
    }

    public async Task RunAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var jobs = new List<(BenchConfiguration Configuration, string What, string Id)>();
        foreach (var c in configurations)
        {
            foreach (var strategy in Trainable(c))
            {
                jobs.Add((c, "fit " + strategy, await admin.FitAsync(c.Tenant, strategy)));
            }
            jobs.Add((c, "refactorize", await admin.RefactorizeAsync(c.Tenant)));
        }
        var results = await Task.WhenAll(jobs.Select(async j =>
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var result = await admin.WaitAsync(j.Id);
            lock (_byKind)
            {
                _byKind[$"{j.Configuration.Key} {j.What}"] = _byKind.GetValueOrDefault($"{j.Configuration.Key} {j.What}") + waited.Elapsed;
            }
            return result;
        }));
        for (var i = 0; i < jobs.Count; i++)
        {
            var key = jobs[i].Configuration.Key;
            var (ok, other, problem) = _outcomes.GetValueOrDefault(key);
            if (results[i].StartsWith("Succeeded", StringComparison.Ordinal))
            {
                ok++;
            }
            else
            {
                other++;
                problem ??= $"{jobs[i].What}: {results[i]}";
            }
            _outcomes[key] = (ok, other, problem);
        }
        await Task.Delay(ModelRefresh);
        Nights++;
        Elapsed += clock.Elapsed;
    }
}
