namespace Attune.LmsAdapters;

/// <summary>The kinds of names an LMS has for one user, as the identity map stores them.</summary>
public static class LmsIdentityKinds
{
    /// <summary>The LMS's own user id (Moodle user id, Canvas user id); the learner id itself.</summary>
    public const string UserId = "user-id";

    /// <summary>The login name (Moodle username, Canvas login id).</summary>
    public const string Login = "login";

    /// <summary>The email address, lower-cased (xAPI <c>mbox</c> without <c>mailto:</c>).</summary>
    public const string Email = "email";

    /// <summary>The institution's id (Moodle idnumber, Canvas SIS user id).</summary>
    public const string SisId = "sis-id";

    /// <summary>The LTI subject (<c>sub</c> of a launch; Canvas <c>lti_user_id</c> or its LTI 1.3 id).</summary>
    public const string LtiSubject = "lti-subject";

    /// <summary>Every kind, in the order admins see them.</summary>
    public static IReadOnlyList<string> All { get; } = [UserId, Login, Email, SisId, LtiSubject];

    /// <summary>The value as the map stores it: emails lower-cased and without <c>mailto:</c>, others as given.</summary>
    public static string Normalise(string kind, string value) => kind == Email
        ? (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value).Trim().ToLowerInvariant()
        : value.Trim();
}
