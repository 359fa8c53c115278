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

    /// <summary>
    /// The LTI subject: the <c>sub</c> of an LTI 1.3 launch. Moodle sends its user id; Canvas sends the user's
    /// <c>lti_1_3_id</c> (doc/api/object_ids.md), which is not its LTI 1.1 id (<c>lti_user_id</c> of Live Events,
    /// <c>lti_id</c> of REST users) and which the enrollments Attune pulls do not carry.
    /// </summary>
    public const string LtiSubject = "lti-subject";

    /// <summary>Every kind, in the order admins see them.</summary>
    public static IReadOnlyList<string> All { get; } = [UserId, Login, Email, SisId, LtiSubject];

    /// <summary>The value as the map stores it: emails lower-cased and without <c>mailto:</c>, others as given.</summary>
    public static string Normalise(string kind, string value) => kind == Email
        ? (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value).Trim().ToLowerInvariant()
        : value.Trim();
}
