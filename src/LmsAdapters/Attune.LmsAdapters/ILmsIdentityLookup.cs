namespace Attune.LmsAdapters;

/// <summary>The identity map of a tenant, read side: which learner a site's user id, login, email or LTI subject is.</summary>
public interface ILmsIdentityLookup
{
    /// <summary>The learner that <paramref name="value"/> of <paramref name="kind"/> names at <paramref name="source"/>, or <c>null</c>.</summary>
    /// <param name="source">The site (<see cref="LmsSite.Source"/>).</param>
    /// <param name="kind">An <see cref="LmsIdentityKinds"/> value.</param>
    /// <param name="value">The name, compared as the LMS compares it (emails case-insensitively).</param>
    LearnerId? Find(string source, string kind, string value);
}
