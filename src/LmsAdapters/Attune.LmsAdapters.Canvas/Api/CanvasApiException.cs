using System.Net;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Canvas answered a request with an error that retrying will not fix: 401 (bad token), 403 (not allowed; a
/// throttling 403 is retried instead and never lands here), 404, 400 (a bad parameter), ...
/// </summary>
public sealed class CanvasApiException : LmsRefusedException
{
    /// <summary>Creates the exception. All texts must already be free of the token.</summary>
    public CanvasApiException(string path, HttpStatusCode statusCode, string? canvasMessage)
        : base(((int)statusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), $"Canvas answered {(int)statusCode} {statusCode} to GET {path}{(canvasMessage is null ? "" : $": {canvasMessage}")}")
    {
        Path = path;
        StatusCode = statusCode;
        CanvasMessage = canvasMessage;
    }

    /// <summary>The request's path and query (never a token: Attune sends it only as a header).</summary>
    public string Path { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>What Canvas said (<c>errors[].message</c>, <c>error</c>, <c>message</c>, or the text of a non-JSON body), shortened.</summary>
    public string? CanvasMessage { get; }

    /// <summary>Whether the token itself was refused (401): every further call would fail the same way, so a sync stops.</summary>
    public bool IsAuthenticationError => StatusCode == HttpStatusCode.Unauthorized;
}
