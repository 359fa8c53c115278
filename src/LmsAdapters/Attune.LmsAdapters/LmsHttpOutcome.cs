namespace Attune.LmsAdapters;

/// <summary>What the last try of a call through <see cref="LmsHttpPipeline"/> gave: a response or an exception.</summary>
/// <param name="Response">The last response (the caller disposes it), or <c>null</c> when the last try threw.</param>
/// <param name="Exception">The last try's exception (a network error or a time-out), or <c>null</c>.</param>
/// <param name="Attempts">How many tries were made.</param>
public sealed record LmsHttpOutcome(HttpResponseMessage? Response, Exception? Exception, int Attempts)
{
    /// <summary>The last failure in words, free of secrets: the status, or the exception kind and message.</summary>
    public string Failure(TimeSpan timeout) =>
        Response is { } response ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
        : Exception is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s"
        // HttpClient's messages name the host and the socket error, never the request's body or headers.
        : Exception?.Message ?? "no answer";
}
