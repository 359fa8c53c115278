namespace Attune.EndToEnd.Tests;

/// <summary>The answer of <c>POST /api/v1/events</c> to an accepted batch.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, List<string> DuplicateIds);
