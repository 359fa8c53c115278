using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>Talks to the silo as an admin (HTTP Basic), or with whatever credentials a test wants to try.</summary>
public sealed class AdminClient(SiloProcess silo, AuthenticationHeaderValue? credentials)
{
    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = credentials;
        return await silo.Http.SendAsync(request);
    }

    /// <summary>Queues a refactorization; returns the Hangfire job id.</summary>
    public async Task<string> RefactorizeAsync(string tenant)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/admin/refactorize?tenant={tenant}");
        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, silo);
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
    }

    /// <summary>Queues a fit of a trainable strategy's model; returns the Hangfire job id.</summary>
    public async Task<string> FitStrategyAsync(string tenant, string plugin)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/admin/strategies/{plugin}/fit?tenant={tenant}");
        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, silo);
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
    }

    public async Task<JsonElement> JobAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/admin/jobs/{id}");
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, silo)).RootElement;
    }

    /// <summary>Waits until the job reaches <paramref name="state"/>; fails with its last view otherwise.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await JobAsync(id);
            if (job.GetProperty("state").GetString() == state)
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not reach {state} within {timeout}: {job}\n{silo.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>The tenant's model versions, newest first.</summary>
    public async Task<List<JsonElement>> VersionsAsync(string tenant)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/admin/models?tenant={tenant}");
        var root = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, silo)).RootElement;
        return root.GetProperty("versions").EnumerateArray().ToList();
    }
}
