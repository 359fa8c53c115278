using System.Net;

namespace Attune.LmsAdapters;

/// <summary>
/// An LMS could not be read: no answer, an answer that is no usable reply, or failures that outlasted the retries.
/// Adapters derive their own (naming the function or path); the host handles them all through this type.
/// </summary>
public class LmsTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was called (a web-service function, a REST path); never holds a token.</param>
    /// <param name="message">What went wrong, already free of secrets.</param>
    /// <param name="statusCode">The last HTTP status, when there was one.</param>
    /// <param name="innerException">The cause, if it holds no secret.</param>
    public LmsTransportException(string operation, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
    }

    /// <summary>What was called.</summary>
    public string Operation { get; }

    /// <summary>The last HTTP status, if any.</summary>
    public HttpStatusCode? StatusCode { get; }
}
