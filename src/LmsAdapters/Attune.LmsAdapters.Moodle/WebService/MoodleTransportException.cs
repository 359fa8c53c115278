using System.Net;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// A call got no usable Moodle answer: the site was unreachable or failing after every retry, answered an
/// HTTP error, or answered something that is not a web-service reply (an empty body when web services are off,
/// an HTML page after a redirect to another host, JSON of an unexpected shape).
/// </summary>
public sealed class MoodleTransportException : LmsTransportException
{
    /// <summary>Creates the exception. The message must already be free of the token.</summary>
    public MoodleTransportException(string function, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(function, $"{function}: {message}", statusCode, innerException) => Function = function;

    /// <summary>The web-service function called.</summary>
    public string Function { get; }
}
