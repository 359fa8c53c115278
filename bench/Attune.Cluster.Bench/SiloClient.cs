using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>The HTTP calls the bench makes to one silo, as the <c>bench</c> tenant (or <c>warmup</c>, for the warm-up pass).</summary>
public sealed class SiloClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _bench;
    private readonly HttpClient _warmup;

    /// <param name="handler">Shared by every silo's client: it pools connections per host and port, so per silo.</param>
    public SiloClient(SiloProcess silo, HttpMessageHandler handler)
    {
        _bench = Client(handler, silo, silo.ApiKey);
        _warmup = Client(handler, silo, silo.WarmupApiKey);
    }

    public async Task<BatchOutcome> PostAsync(byte[] body, bool warmup = false, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await (warmup ? _warmup : _bench).PostAsync("api/v1/events", content, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(answer))}");
        }
        using var json = JsonDocument.Parse(answer);
        return new BatchOutcome(json.RootElement.GetProperty("accepted").GetInt32(), json.RootElement.GetProperty("duplicates").GetInt32());
    }

    /// <summary>Returns how many recommendations came back.</summary>
    public async Task<int> RecommendAsync(string path)
    {
        using var response = await _bench.GetAsync(path);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(answer))}");
        }
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary><c>GET /api/v1/learners/{learner}</c>: the status code, or what went wrong when no answer came.</summary>
    public async Task<string> LearnerStatusAsync(string learner, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var response = await _bench.GetAsync($"api/v1/learners/{Uri.EscapeDataString(learner)}", HttpCompletionOption.ResponseHeadersRead, cts.Token);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException)
        {
            return $"no answer in {timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString();
        }
    }

    /// <summary>
    /// The active members <c>GET /health</c> reports ("N active silo(s) in the cluster" in the <c>orleans</c> check),
    /// or null when the silo does not answer 200.
    /// </summary>
    public async Task<int?> ActiveMembersAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await _bench.GetAsync("health", cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cts.Token));
            var description = json.RootElement.GetProperty("checks").GetProperty("orleans").GetProperty("description").GetString() ?? "";
            var marker = description.IndexOf(" active silo(s)", StringComparison.Ordinal);
            var start = description.LastIndexOf(' ', marker - 1) + 1;
            return marker > 0 && int.TryParse(description.AsSpan(start, marker - start), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _bench.Dispose();
        _warmup.Dispose();
    }

    private static HttpClient Client(HttpMessageHandler handler, SiloProcess silo, string apiKey)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
