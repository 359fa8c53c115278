using System.Security.Cryptography;

namespace Attune.LmsAdapters.Canvas;

/// <summary>One public key of a <see cref="CanvasJsonWebKeySet"/>.</summary>
/// <param name="KeyId">Its <c>kid</c>.</param>
/// <param name="KeyType"><c>RSA</c> or <c>EC</c>.</param>
/// <param name="Algorithm">The <c>alg</c> the key declares, if any; a JWT must then use exactly it.</param>
/// <param name="Curve">An EC key's curve (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>).</param>
public sealed record CanvasJsonWebKey(string KeyId, string KeyType, string? Algorithm, string? Curve)
{
    internal RSAParameters? Rsa { get; init; }

    internal ECParameters? Ec { get; init; }
}
