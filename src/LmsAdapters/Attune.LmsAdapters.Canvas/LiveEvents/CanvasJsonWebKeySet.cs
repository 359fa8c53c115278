using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// The public keys Live Events are verified with, read from JWKS JSON (RFC 7517) as Instructure publishes it
/// (LMS-NOTES §2b gives the URL; the host fetches it, or an admin pastes it, and hands the text here). Keys are
/// chosen by <c>kid</c>; AWS rotates them monthly, so the host reloads the set rather than pinning one key.
/// </summary>
/// <remarks>
/// Only RSA and EC public keys are read. Symmetric (<c>oct</c>) keys and keys marked <c>use: enc</c> are left out:
/// a verifier that accepted an HMAC key could be fooled with a "secret" anyone can read.
/// </remarks>
public sealed class CanvasJsonWebKeySet
{
    private readonly Dictionary<string, CanvasJsonWebKey> _keys;

    private CanvasJsonWebKeySet(Dictionary<string, CanvasJsonWebKey> keys) => _keys = keys;

    /// <summary>A set with no keys: every signed body is refused (useful with unsigned events allowed, for testing).</summary>
    public static CanvasJsonWebKeySet Empty { get; } = new(new Dictionary<string, CanvasJsonWebKey>(StringComparer.Ordinal));

    /// <summary>The keys by <c>kid</c>.</summary>
    public IReadOnlyDictionary<string, CanvasJsonWebKey> Keys => _keys;

    /// <summary>Reads a JWKS (<c>{"keys":[…]}</c>) or a single JWK object.</summary>
    /// <exception cref="FormatException">The text is not a JWKS, or a usable key in it is malformed.</exception>
    public static CanvasJsonWebKeySet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The key set is not JSON ({ex.Message}).", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            IEnumerable<JsonElement> keys = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray()
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kty", out _)
                    ? [root]
                    : throw new FormatException("The key set must be a JWKS object with a keys array, or one JWK.");
            var result = new Dictionary<string, CanvasJsonWebKey>(StringComparer.Ordinal);
            var index = 0;
            foreach (var key in keys)
            {
                if (Read(key, index++) is { } read && !result.TryAdd(read.KeyId, read))
                {
                    throw new FormatException($"Two keys of the set have the kid {read.KeyId}.");
                }
            }
            return new CanvasJsonWebKeySet(result);
        }
    }

    internal bool TryGet(string keyId, out CanvasJsonWebKey? key) => _keys.TryGetValue(keyId, out key);

    private static CanvasJsonWebKey? Read(JsonElement key, int index)
    {
        if (key.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"keys[{index}] is not an object.");
        }
        var kty = Text(key, "kty");
        var kid = Text(key, "kid");
        if (kid is null || Text(key, "use") == "enc" || kty is not ("RSA" or "EC"))
        {
            return null;
        }
        var alg = Text(key, "alg");
        var crv = Text(key, "crv");
        ECCurve? curve = kty == "RSA" ? null : crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => throw new FormatException($"keys[{index}] (kid {kid}) has an unsupported curve {crv ?? "(none)"}."),
        };
        try
        {
            // Importing once here turns a bad key into a configuration error, not a 401 for every event.
            if (curve is null)
            {
                var parameters = new RSAParameters { Modulus = Bytes(key, "n"), Exponent = Bytes(key, "e") };
                using (RSA.Create(parameters))
                {
                }
                return new CanvasJsonWebKey(kid, kty, alg, null) { Rsa = parameters };
            }
            var ec = new ECParameters { Curve = curve.Value, Q = new ECPoint { X = Bytes(key, "x"), Y = Bytes(key, "y") } };
            using (ECDsa.Create(ec))
            {
            }
            return new CanvasJsonWebKey(kid, kty, alg, crv) { Ec = ec };
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new FormatException($"keys[{index}] (kid {kid}) is not a valid {kty} public key: {ex.Message}", ex);
        }
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement key, string name) =>
        Text(key, name) is { Length: > 0 } text
            ? Base64Url.DecodeFromChars(text)
            : throw new FormatException($"the member {name} is missing");
}
