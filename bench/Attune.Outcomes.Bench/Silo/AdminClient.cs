using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Attune.Outcomes.Bench.Silo;

/// <summary>The admin API the bench needs: the manual clock, strategy fits, refactorizations and their jobs, loaded plugins.</summary>
public sealed class AdminClient(HttpClient http, string user, string password)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    public async Task MoveClockAsync(DateTimeOffset now)
    {
        using var response = await SendAsync(HttpMethod.Put, "api/v1/admin/clock", JsonContent.Create(new { now }, options: BenchJson.Options));
        await EnsureAsync(response, "PUT api/v1/admin/clock (is the silo started with Attune:Clock:Manual=true?)");
    }

    /// <summary>The tenant's trainable strategies (<c>GET /api/v1/admin/models</c> lists them).</summary>
    public async Task<IReadOnlyList<string>> TrainableStrategiesAsync(string tenant)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/v1/admin/models?tenant={tenant}", null);
        var body = JsonDocument.Parse(await EnsureAsync(response, "GET api/v1/admin/models")).RootElement;
        return body.GetProperty("strategies").EnumerateArray().Select(s => s.GetString()!).ToList();
    }

    /// <summary>Names of the plugins the silo has loaded (<c>GET /api/v1/plugins</c>).</summary>
    public async Task<IReadOnlySet<string>> LoadedPluginsAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/plugins", null);
        var body = JsonDocument.Parse(await EnsureAsync(response, "GET api/v1/plugins")).RootElement;
        return body.GetProperty("folders").EnumerateArray()
            .SelectMany(f => f.GetProperty("plugins").EnumerateArray())
            .Select(p => p.GetProperty("name").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<string> FitAsync(string tenant, string plugin) =>
        await EnqueueAsync($"api/v1/admin/strategies/{plugin}/fit?tenant={tenant}");

    public async Task<string> RefactorizeAsync(string tenant) => await EnqueueAsync($"api/v1/admin/refactorize?tenant={tenant}");

    /// <summary>Waits for a job to end; returns its final state and outcome ("Succeeded: …").</summary>
    public async Task<string> WaitAsync(string job)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < JobTimeout)
        {
            using var response = await SendAsync(HttpMethod.Get, $"api/v1/admin/jobs/{job}", null);
            var body = JsonDocument.Parse(await EnsureAsync(response, "GET api/v1/admin/jobs")).RootElement;
            var state = body.TryGetProperty("state", out var s) ? s.GetString() : null;
            if (state is "Succeeded" or "Failed" or "Deleted")
            {
                var outcome = body.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                return outcome is null ? state : $"{state}: {outcome}";
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Job {job} did not end within {JobTimeout.TotalMinutes:0} minutes.");
    }

    private async Task<string> EnqueueAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Post, path, null);
        var body = JsonDocument.Parse(await EnsureAsync(response, "POST " + path)).RootElement;
        return body.GetProperty("jobId").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await http.SendAsync(request);
    }

    private static async Task<string> EnsureAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {text}");
        }
        return text;
    }
}
