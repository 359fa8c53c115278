using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Talks to the silo as one tenant (or as nobody, with a null key). Always uses the silo's current address,
/// so a client keeps working across restarts.
/// </summary>
public sealed class TenantClient(SiloProcess silo, string? apiKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public SiloProcess Silo => silo;

    public Task<HttpResponseMessage> PostEventsAsync(IEnumerable<TestEvent> events) =>
        PostEventsAsync(TestEvent.Batch(events));

    public Task<HttpResponseMessage> PostEventsAsync(string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return SendAsync(HttpMethod.Post, "/api/v1/events", content);
    }

    /// <summary>Posts a batch that must be accepted.</summary>
    public async Task<IngestResponse> PostEventsOkAsync(IEnumerable<TestEvent> events)
    {
        using var response = await PostEventsAsync(events);
        return await ReadOkAsync<IngestResponse>(response);
    }

    public Task<HttpResponseMessage> GetLearnerAsync(string learner) =>
        SendAsync(HttpMethod.Get, $"/api/v1/learners/{Uri.EscapeDataString(learner)}");

    /// <summary>A learner that must exist.</summary>
    public async Task<LearnerView> GetLearnerOkAsync(string learner)
    {
        using var response = await GetLearnerAsync(learner);
        return await ReadOkAsync<LearnerView>(response);
    }

    public async Task<RecommendationsView> GetRecommendationsOkAsync(string learner, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/learners/{Uri.EscapeDataString(learner)}/recommendations{query}");
        return await ReadOkAsync<RecommendationsView>(response);
    }

    /// <summary>Puts catalog items that must be accepted.</summary>
    public async Task PutCatalogOkAsync(string course, object body)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/courses/{Uri.EscapeDataString(course)}/items", JsonContent.Create(body, options: Json));
        await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, silo);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return silo.Http.SendAsync(request, cancellationToken);
    }

    private async Task<T> ReadOkAsync<T>(HttpResponseMessage response)
    {
        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, silo);
        return JsonSerializer.Deserialize<T>(body, Json)
            ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered null.");
    }
}
