namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Moodle refused a call with its error envelope <c>{exception, errorcode, message[, debuginfo]}</c>, which the
/// REST server sends with HTTP 200 (LMS-NOTES §1a). Match on <see cref="ErrorCode"/>: the message is localised
/// and the exception class is namespaced differently across versions (moodle-4.5/README.md).
/// </summary>
public sealed class MoodleException : LmsRefusedException
{
    // Codes that concern the token or its user rather than the data asked for: every further call would
    // fail the same way, so a sync stops instead of recording one error per course.
    private static readonly HashSet<string> ConnectionErrorCodes = new(StringComparer.Ordinal)
    {
        "invalidtoken", "invalidtimedtoken", "invalidiptoken", "servicerequireslogin", "servicenotavailable",
        "enablewsdescription", "usernotfullysetup", "sitepolicynotagreed", "forcepasswordchangenotice", "sitemaintenance",
    };

    /// <summary>Creates the exception. All texts must already be free of the token.</summary>
    public MoodleException(string function, string errorCode, string? exceptionClass, string? moodleMessage, string? debugInfo)
        : base(errorCode, $"Moodle refused {function} with {errorCode}: {moodleMessage}")
    {
        Function = function;
        ErrorCode = errorCode;
        ExceptionClass = exceptionClass;
        MoodleMessage = moodleMessage;
        DebugInfo = debugInfo;
    }

    /// <summary>The web-service function called.</summary>
    public string Function { get; }

    /// <summary>Moodle's error code: <c>invalidtoken</c>, <c>accessexception</c>, <c>invalidparameter</c>, <c>invalid_response_exception</c>, ...</summary>
    public string ErrorCode { get; }

    /// <summary>The PHP exception class, when sent (absent from the <c>{error, errorcode}</c> variant).</summary>
    public string? ExceptionClass { get; }

    /// <summary>The site's message, in the site's language.</summary>
    public string? MoodleMessage { get; }

    /// <summary>Moodle's debug details, sent only when the site has debugging on.</summary>
    public string? DebugInfo { get; }

    /// <summary>Whether the error concerns the token or its user (bad, expired or IP-bound token; web services off), so retrying other calls is pointless.</summary>
    public bool IsConnectionError => ConnectionErrorCodes.Contains(ErrorCode);
}
