namespace Attune.LmsAdapters.Canvas;

/// <summary>A Live Events body that passed <see cref="CanvasLiveEventVerifier"/>: the event JSON and how it was vouched for.</summary>
/// <param name="Payload">The event JSON (UTF-8): a Canvas <c>{metadata, body}</c> or a Caliper envelope.</param>
/// <param name="IsSigned">Whether a signature was verified; <c>false</c> only for plain JSON with unsigned events allowed.</param>
/// <param name="KeyId">The <c>kid</c> of the verifying key, when signed.</param>
/// <param name="Algorithm">The JWS algorithm, when signed.</param>
public sealed record CanvasVerifiedLiveEvent(ReadOnlyMemory<byte> Payload, bool IsSigned, string? KeyId, string? Algorithm);
