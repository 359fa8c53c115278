namespace Attune.LmsAdapters.Xapi;

/// <summary>An xAPI account: a user name on a system identified by its home page.</summary>
/// <param name="HomePage">The system's canonical home page (Moodle puts its site URL here).</param>
/// <param name="Name">The user's id on that system (Moodle puts its numeric user id here).</param>
public sealed record XapiAccount(string HomePage, string Name);
