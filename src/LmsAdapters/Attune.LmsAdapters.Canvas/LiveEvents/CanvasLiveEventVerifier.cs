using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Checks a Live Events HTTPS body. Canvas Data Services' "Webhook with JWT signing" sends the event as a signed
/// JWT whose key is chosen by the header's <c>kid</c> from Instructure's JWKS (LMS-NOTES §2b). Instructure's guide
/// says to decode it with RS256; the notes mark the algorithm unverified, so RS256/384/512, PS256/384/512 and
/// ES256/384/512 are all verified by the key's type, while <c>none</c> and the HMAC algorithms are refused (an
/// HMAC "verified" with a public key proves nothing). The JWT payload is taken to be the event JSON itself.
/// </summary>
/// <remarks>
/// Order of checks: shape, algorithm, key, signature, then <c>exp</c>/<c>nbf</c> (when present) — nothing in an
/// unverified payload is trusted. Failures throw <see cref="CanvasLiveEventSignatureException"/> with a
/// <see cref="CanvasSignatureFailure"/>; messages name the algorithm and kid, never the body.
/// </remarks>
public sealed class CanvasLiveEventVerifier
{
    private readonly CanvasJsonWebKeySet _keys;
    private readonly CanvasLiveEventVerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">The keys signed bodies are verified with.</param>
    /// <param name="options">Whether unsigned JSON is allowed and the clock; strict defaults when <c>null</c>.</param>
    public CanvasLiveEventVerifier(CanvasJsonWebKeySet keys, CanvasLiveEventVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _options = options ?? new CanvasLiveEventVerifierOptions();
    }

    /// <summary>Verifies a body given as text.</summary>
    /// <exception cref="CanvasLiveEventSignatureException">The body is refused.</exception>
    public CanvasVerifiedLiveEvent Verify(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Verifies a UTF-8 body and returns the event JSON it carries.</summary>
    /// <exception cref="CanvasLiveEventSignatureException">The body is refused.</exception>
    public CanvasVerifiedLiveEvent Verify(ReadOnlyMemory<byte> body)
    {
        var span = body.Span.Trim(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            throw Fail(CanvasSignatureFailure.Malformed, "The body is empty.");
        }
        if (span[0] is (byte)'{' or (byte)'[')
        {
            return _options.AllowUnsigned
                ? new CanvasVerifiedLiveEvent(body, false, null, null)
                : throw Fail(CanvasSignatureFailure.Unsigned, "The body is unsigned JSON; this connection accepts only JWT-signed Live Events.");
        }

        var text = Encoding.ASCII.GetString(span);
        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Fail(CanvasSignatureFailure.Malformed, "The body is neither JSON nor a compact JWT (header.payload.signature).");
        }
        var header = DecodeObject(parts[0], "header");
        var alg = header.TryGetProperty("alg", out var algElement) && algElement.ValueKind == JsonValueKind.String ? algElement.GetString()! : null;
        if (alg is null)
        {
            throw Fail(CanvasSignatureFailure.Malformed, "The JWT header has no alg.");
        }
        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(CanvasSignatureFailure.AlgorithmNone, "The JWT is unsigned (alg none); it is refused whatever the settings.");
        }
        if (Algorithm(alg) is not { } algorithm)
        {
            throw Fail(CanvasSignatureFailure.UnsupportedAlgorithm, $"The JWT algorithm {alg} is not accepted (RS*, PS* and ES* are).");
        }
        var kid = header.TryGetProperty("kid", out var kidElement) && kidElement.ValueKind == JsonValueKind.String ? kidElement.GetString() : null;
        if (string.IsNullOrEmpty(kid))
        {
            throw Fail(CanvasSignatureFailure.MissingKeyId, "The JWT header names no kid, so no key can be chosen.");
        }
        if (!_keys.TryGet(kid, out var key))
        {
            throw Fail(CanvasSignatureFailure.UnknownKey, $"No configured key has the kid {kid}; reload the key set if Instructure rotated it.");
        }
        if (!algorithm.Fits(key!) || (key!.Algorithm is { } declared && declared != alg))
        {
            throw Fail(CanvasSignatureFailure.KeyAlgorithmMismatch, $"The key {kid} ({key!.KeyType}{(key.Curve is null ? "" : " " + key.Curve)}) does not sign {alg}.");
        }
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            throw Fail(CanvasSignatureFailure.Malformed, "The JWT signature is not base64url.");
        }
        var signingInput = Encoding.ASCII.GetBytes(text[..(parts[0].Length + 1 + parts[1].Length)]);
        if (!algorithm.Verify(key, signingInput, signature))
        {
            throw Fail(CanvasSignatureFailure.BadSignature, $"The JWT signature does not verify with key {kid} ({alg}).");
        }

        var payload = Decode(parts[1], "payload");
        using (var document = Parse(payload, "payload"))
        {
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                throw Fail(CanvasSignatureFailure.Malformed, "The JWT payload is not a JSON object.");
            }
            var now = _options.TimeProvider.GetUtcNow();
            if (Seconds(claims, "exp") is { } exp && now - _options.ClockSkew >= DateTimeOffset.FromUnixTimeSeconds(exp))
            {
                throw Fail(CanvasSignatureFailure.Expired, $"The JWT expired at {DateTimeOffset.FromUnixTimeSeconds(exp):O}.");
            }
            if (Seconds(claims, "nbf") is { } nbf && now + _options.ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
            {
                throw Fail(CanvasSignatureFailure.NotYetValid, $"The JWT is not valid before {DateTimeOffset.FromUnixTimeSeconds(nbf):O}.");
            }
        }
        return new CanvasVerifiedLiveEvent(payload, true, kid, alg);
    }

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? (long)Math.Clamp(seconds, -62_135_596_800, 253_402_300_799)
            : null;

    private static JsonElement DecodeObject(string part, string what)
    {
        using var document = Parse(Decode(part, what), what);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.Clone()
            : throw Fail(CanvasSignatureFailure.Malformed, $"The JWT {what} is not a JSON object.");
    }

    private static byte[] Decode(string part, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            throw Fail(CanvasSignatureFailure.Malformed, $"The JWT {what} is not base64url.");
        }
    }

    private static JsonDocument Parse(byte[] json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Fail(CanvasSignatureFailure.Malformed, $"The JWT {what} is not JSON.");
        }
    }

    private static CanvasLiveEventSignatureException Fail(CanvasSignatureFailure failure, string message) => new(failure, message);

    private static JwsAlgorithm? Algorithm(string alg) => alg switch
    {
        "RS256" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "RS384" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        "RS512" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
        "PS256" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        "PS384" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
        "PS512" => new JwsAlgorithm("RSA", null, HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
        "ES256" => new JwsAlgorithm("EC", "P-256", HashAlgorithmName.SHA256, null),
        "ES384" => new JwsAlgorithm("EC", "P-384", HashAlgorithmName.SHA384, null),
        "ES512" => new JwsAlgorithm("EC", "P-521", HashAlgorithmName.SHA512, null),
        _ => null,
    };

    /// <summary>A JWS algorithm (RFC 7518 §3): which key it needs and how it verifies.</summary>
    private sealed record JwsAlgorithm(string KeyType, string? Curve, HashAlgorithmName Hash, RSASignaturePadding? Padding)
    {
        public bool Fits(CanvasJsonWebKey key) => key.KeyType == KeyType && (Curve is null || key.Curve == Curve);

        public bool Verify(CanvasJsonWebKey key, byte[] data, byte[] signature)
        {
            try
            {
                return VerifyWithKey(key, data, signature);
            }
            catch (CryptographicException)
            {
                // Some platforms throw rather than answer false for a signature of the wrong length.
                return false;
            }
        }

        private bool VerifyWithKey(CanvasJsonWebKey key, byte[] data, byte[] signature)
        {
            // A fresh key object per call: the parameters are immutable and imports are cheap, and RSA/ECDsa
            // instances are not documented as safe for concurrent use.
            if (key.Rsa is { } rsaParameters)
            {
                using var rsa = RSA.Create(rsaParameters);
                return rsa.VerifyData(data, signature, Hash, Padding!);
            }
            using var ecdsa = ECDsa.Create(key.Ec!.Value);
            // JWS carries R||S (IEEE P1363), which is .NET's default signature format for ECDsa.
            return ecdsa.VerifyData(data, signature, Hash);
        }
    }
}
