using System.Net;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// A request got no usable Canvas answer: the instance was unreachable or failing after every retry, kept
/// throttling beyond the allowed tries, answered something that is not the documented JSON, or pointed a
/// pagination link at another host.
/// </summary>
public sealed class CanvasTransportException : LmsTransportException
{
    /// <summary>Creates the exception. The message must already be free of the token.</summary>
    public CanvasTransportException(string path, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base("GET " + path, $"GET {path}: {message}", statusCode, innerException) => Path = path;

    /// <summary>The request's path and query.</summary>
    public string Path { get; }
}
