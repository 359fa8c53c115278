namespace Attune.LmsAdapters;

/// <summary>One learner of a site and the other names the site has for them.</summary>
/// <param name="Learner">The learner id (the LMS's user id).</param>
/// <param name="Name">The display name, if known.</param>
/// <param name="Aliases">Kind (<see cref="LmsIdentityKinds"/>) → value, e.g. <c>email</c> → <c>alice@example.edu</c>.</param>
public sealed record LmsLearnerIdentity(LearnerId Learner, string? Name, IReadOnlyDictionary<string, string> Aliases);
