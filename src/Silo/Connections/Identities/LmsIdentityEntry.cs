namespace Attune.Silo.Connections.Identities;

/// <summary>One entry of the identity map as admins see it.</summary>
/// <param name="Source">The LMS site (<c>moodle:lms.example.edu</c>).</param>
/// <param name="Kind">user-id, login, email, sis-id or lti-subject.</param>
/// <param name="Value">The name (emails lower-cased).</param>
/// <param name="Learner">The learner it resolves to.</param>
/// <param name="Origin"><c>pull</c> or <c>admin</c> (a correction syncs keep).</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record LmsIdentityEntry(string Source, string Kind, string Value, string Learner, string Origin, DateTimeOffset UpdatedAt);
