using System.Net;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>Assertions on HTTP answers whose failure messages show the body and the silo's output.</summary>
public static class ResponseAssert
{
    /// <summary>Fails unless the status is <paramref name="expected"/>; returns the body.</summary>
    public static async Task<string> StatusAsync(HttpResponseMessage response, HttpStatusCode expected, SiloProcess silo)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, " +
            $"expected {(int)expected}.\nBody: {Truncate(body)}\n{silo.Output}");
        return body;
    }

    /// <summary>Fails unless the answer is RFC 7807 problem details with <paramref name="expected"/>; returns the document.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, SiloProcess silo)
    {
        var body = await StatusAsync(response, expected, silo);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"problem without a title: {body}");
        return problem;
    }

    /// <summary>The field paths a validation problem names (<c>events[3].score</c>).</summary>
    public static string[] ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
