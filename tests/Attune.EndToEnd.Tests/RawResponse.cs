namespace Attune.EndToEnd.Tests;

/// <summary>The status and header block of an answer read by <see cref="RawHttp"/>.</summary>
internal sealed record RawResponse(int Status, string Head)
{
    public bool HasHeader(string name, string valueStart) =>
        Head.Split("\r\n").Any(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) &&
            line[(name.Length + 1)..].Trim().StartsWith(valueStart, StringComparison.OrdinalIgnoreCase));
}
