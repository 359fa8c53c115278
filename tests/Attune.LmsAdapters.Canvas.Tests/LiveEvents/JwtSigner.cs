using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>Signs payloads as compact JWS and publishes the public keys as a JWKS, the way Instructure's signer and its JWKS URL would.</summary>
internal static class JwtSigner
{
    public static string Sign(string payloadJson, string alg, string? kid, AsymmetricAlgorithm key)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }
        var input = Encode(header.ToJsonString()) + "." + Encode(payloadJson);
        var data = Encoding.ASCII.GetBytes(input);
        var signature = (alg, key) switch
        {
            ("RS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("PS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("ES256", ECDsa ec) => ec.SignData(data, HashAlgorithmName.SHA256), // IEEE P1363 R||S, as JWS wants
            _ => throw new ArgumentException($"The test signer does not do {alg} with {key.GetType().Name}."),
        };
        return input + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>A JWT with a header of the caller's making and whatever signature bytes (for alg none and HS256 forgeries).</summary>
    public static string Forge(JsonObject header, string payloadJson, byte[] signature) =>
        Encode(header.ToJsonString()) + "." + Encode(payloadJson) + "." + Base64Url.EncodeToString(signature);

    public static JsonObject Jwk(string kid, AsymmetricAlgorithm key)
    {
        switch (key)
        {
            case RSA rsa:
                var p = rsa.ExportParameters(includePrivateParameters: false);
                return new JsonObject
                {
                    ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256",
                    ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
                };
            case ECDsa ec:
                var q = ec.ExportParameters(includePrivateParameters: false);
                return new JsonObject
                {
                    ["kty"] = "EC", ["kid"] = kid, ["use"] = "sig", ["crv"] = "P-256",
                    ["x"] = Base64Url.EncodeToString(q.Q.X), ["y"] = Base64Url.EncodeToString(q.Q.Y),
                };
            default:
                throw new ArgumentException("RSA or EC only.", nameof(key));
        }
    }

    public static string Jwks(params JsonObject[] keys) => new JsonObject { ["keys"] = new JsonArray([.. keys]) }.ToJsonString();

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
