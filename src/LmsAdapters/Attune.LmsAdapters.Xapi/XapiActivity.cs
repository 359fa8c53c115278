namespace Attune.LmsAdapters.Xapi;

/// <summary>An xAPI Activity as Attune needs it: its id and, when defined, its type and a display name.</summary>
/// <param name="Id">The activity's IRI.</param>
/// <param name="Type">The activity type IRI from <c>definition.type</c>, if any.</param>
/// <param name="Name">One value of the <c>definition.name</c> language map (English first), if any.</param>
public sealed record XapiActivity(string Id, string? Type = null, string? Name = null);
