namespace Attune.LmsAdapters;

/// <summary>The LMS answered, and refused: a bad token, a function or capability the token lacks, a site that is off.</summary>
public class LmsRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The LMS's own error code (<c>invalidtoken</c>, <c>401</c>), for matching.</param>
    /// <param name="message">What the LMS said, in words an admin can act on, free of secrets.</param>
    /// <param name="innerException">The adapter's own exception.</param>
    public LmsRefusedException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The LMS's error code.</summary>
    public string Code { get; }
}
