namespace Attune.LmsAdapters.Moodle;

/// <summary>A successful Moodle reply: its value and the warnings that came with it (empty for bare-array replies).</summary>
/// <typeparam name="T">The reply's value.</typeparam>
/// <param name="Value">What the function returned.</param>
/// <param name="Warnings">The reply's <c>warnings[]</c>; partial failures that must not be ignored.</param>
public sealed record MoodleReply<T>(T Value, IReadOnlyList<MoodleWarning> Warnings);
