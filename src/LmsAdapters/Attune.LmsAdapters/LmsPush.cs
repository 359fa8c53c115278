namespace Attune.LmsAdapters;

/// <summary>One delivery an LMS pushed.</summary>
/// <param name="Body">The request body as received.</param>
/// <param name="ContentType">Its content type, if given.</param>
public sealed record LmsPush(ReadOnlyMemory<byte> Body, string? ContentType);
