namespace Attune.LmsAdapters.Canvas;

/// <summary>How a <see cref="CanvasLiveEventVerifier"/> treats bodies.</summary>
public sealed record CanvasLiveEventVerifierOptions
{
    /// <summary>
    /// Whether a body that is plain JSON (no JWT) is accepted as is. For testing a connection only: anyone who
    /// knows the URL could then post events. A JWT is verified whatever this says, and <c>alg: none</c> is always refused.
    /// </summary>
    public bool AllowUnsigned { get; init; }

    /// <summary>How far the sender's clock may be off when <c>exp</c> or <c>nbf</c> is checked.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock <c>exp</c> and <c>nbf</c> are checked against.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
