using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Outcomes.Bench.Simulation;

namespace Attune.Outcomes.Bench.Silo;

/// <summary>The silo's tenant API as an LMS uses it: catalog, profiles, events, recommendations.</summary>
public sealed class TenantClient(HttpClient http, string tenant, string apiKey)
{
    public string Tenant => tenant;

    public async Task PutCatalogAsync(SyntheticCourse course) =>
        await SendOkAsync(HttpMethod.Put, $"api/v1/courses/{course.Id}/items", course.Catalog());

    public async Task PutProfileAsync(string learner, double minutesPerDay) =>
        await SendOkAsync(HttpMethod.Put, $"api/v1/learners/{Uri.EscapeDataString(learner)}/profile", new { minutesPerDay });

    public async Task PostEventsAsync(IReadOnlyList<EventJson> events)
    {
        // The silo takes at most 1,000 events per batch.
        for (var i = 0; i < events.Count; i += 1000)
        {
            await SendOkAsync(HttpMethod.Post, "api/v1/events", new { events = events.Skip(i).Take(1000) });
        }
    }

    public async Task<Plan> RecommendAsync(string learner, string course, double minutes)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"api/v1/learners/{Uri.EscapeDataString(learner)}/recommendations?course={course}&minutes={Math.Floor(minutes)}&limit=20");
        using var response = await SendAsync(HttpMethod.Get, path, null);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var fallbacks = body.TryGetProperty("plugins", out var plugins) && plugins.TryGetProperty("fallbacks", out var f) ? f.GetArrayLength() : 0;
        return new Plan(
            items.Select(i => i.GetProperty("item").GetString()!).ToList(),
            body.GetProperty("plannedMinutes").GetDouble(),
            fallbacks,
            items.Select(i => i.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "").ToList());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: BenchJson.Options);
        }
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"{method} {path} (tenant {tenant}): {(int)response.StatusCode} {text}");
        }
        return response;
    }

    private async Task SendOkAsync(HttpMethod method, string path, object body) => (await SendAsync(method, path, body)).Dispose();
}
