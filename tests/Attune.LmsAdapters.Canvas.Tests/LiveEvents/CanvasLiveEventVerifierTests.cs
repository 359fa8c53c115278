using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Attune.LmsAdapters.Canvas.Tests;

public sealed class CanvasLiveEventVerifierTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2019, 11, 1, 19, 12, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _stranger.Dispose();
    }

    private string KeySet => JwtSigner.Jwks(JwtSigner.Jwk("2019-11-rsa", _rsa), JwtSigner.Jwk("2019-11-ec", _ec));

    private CanvasLiveEventVerifier Verifier(bool allowUnsigned = false) =>
        new(CanvasJsonWebKeySet.Parse(KeySet), new CanvasLiveEventVerifierOptions { AllowUnsigned = allowUnsigned, TimeProvider = _clock });

    private static readonly string GradeChange = LmsFixtures.ReadPayload("canvas_live_event_grade_change.json");

    private CanvasSignatureFailure Refusal(string body, bool allowUnsigned = false)
    {
        var error = Assert.Throws<CanvasLiveEventSignatureException>(() => Verifier(allowUnsigned).Verify(body));
        Assert.DoesNotContain("oxana", error.Message); // nothing of the body is echoed
        return error.Failure;
    }

    public static TheoryData<string> CanvasFixtures => [.. LmsFixtures.Files("canvas_*.json")];

    [Theory]
    [MemberData(nameof(CanvasFixtures))]
    public void EveryCanvasFixtureSignedWithRs256VerifiesAndMapsAsTheUnsignedPayloadDoes(string file)
    {
        var payload = LmsFixtures.ReadPayload(file);
        var mapper = new CanvasLiveEventMapper(new CanvasLiveEventOptions { Source = "canvas-test" });

        var verified = Verifier().Verify(JwtSigner.Sign(payload, "RS256", "2019-11-rsa", _rsa));

        Assert.True(verified.IsSigned);
        Assert.Equal(("2019-11-rsa", "RS256"), (verified.KeyId, verified.Algorithm));
        Assert.Equal(payload, Encoding.UTF8.GetString(verified.Payload.Span));
        var mapping = mapper.Map(verified);
        Assert.True(mapping.IsValid, mapping.Error?.ToString());
        Assert.Equal(mapper.Map(payload).Results, mapping.Results);
    }

    [Fact]
    public void AnEs256SignatureVerifiesWithTheEcKey()
    {
        var verified = Verifier().Verify(JwtSigner.Sign(GradeChange, "ES256", "2019-11-ec", _ec));

        Assert.Equal(("2019-11-ec", "ES256"), (verified.KeyId, verified.Algorithm));
    }

    [Fact]
    public void APs256SignatureVerifiesWithTheRsaKeyWhenTheKeyDeclaresNoAlgorithm()
    {
        var jwk = JwtSigner.Jwk("pss", _rsa);
        jwk.Remove("alg");
        var verifier = new CanvasLiveEventVerifier(CanvasJsonWebKeySet.Parse(JwtSigner.Jwks(jwk)));

        Assert.True(verifier.Verify(JwtSigner.Sign(GradeChange, "PS256", "pss", _rsa)).IsSigned);
    }

    [Fact]
    public void ATamperedBodyIsRefused()
    {
        var parts = JwtSigner.Sign(GradeChange, "RS256", "2019-11-rsa", _rsa).Split('.');
        var raised = GradeChange.Replace("\"score\":5", "\"score\":50", StringComparison.Ordinal);
        Assert.NotEqual(GradeChange, raised);
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raised))}.{parts[2]}";

        Assert.Equal(CanvasSignatureFailure.BadSignature, Refusal(tampered));
    }

    [Fact]
    public void ABodySignedByAnotherKeyUnderAKnownKidIsRefused()
    {
        Assert.Equal(CanvasSignatureFailure.BadSignature, Refusal(JwtSigner.Sign(GradeChange, "RS256", "2019-11-rsa", _stranger)));
    }

    [Fact]
    public void AnUnknownKidIsRefused()
    {
        Assert.Equal(CanvasSignatureFailure.UnknownKey, Refusal(JwtSigner.Sign(GradeChange, "RS256", "2019-10-rsa", _stranger)));
    }

    [Fact]
    public void AJwtWithoutAKidIsRefused()
    {
        Assert.Equal(CanvasSignatureFailure.MissingKeyId, Refusal(JwtSigner.Sign(GradeChange, "RS256", null, _rsa)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AlgNoneIsRefusedEvenWhenUnsignedEventsAreAllowed(bool allowUnsigned)
    {
        var forged = JwtSigner.Forge(new JsonObject { ["alg"] = "none", ["kid"] = "2019-11-rsa" }, GradeChange, []);

        Assert.Equal(CanvasSignatureFailure.AlgorithmNone, Refusal(forged, allowUnsigned));
    }

    [Fact]
    public void AnHmacSignedWithThePublicKeySetIsRefused()
    {
        // The classic confusion: "HS256" keyed with text the verifier holds anyway.
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = "2019-11-rsa" };
        var forged = JwtSigner.Forge(header, GradeChange, HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeySet), Encoding.ASCII.GetBytes("x")));

        Assert.Equal(CanvasSignatureFailure.UnsupportedAlgorithm, Refusal(forged));
    }

    [Fact]
    public void AnAlgorithmThatDoesNotFitTheKeyIsRefused()
    {
        Assert.Equal(CanvasSignatureFailure.KeyAlgorithmMismatch, Refusal(JwtSigner.Sign(GradeChange, "RS256", "2019-11-ec", _rsa)));
        // The RSA key declares alg RS256, so PS256 under it is refused before any signature check.
        Assert.Equal(CanvasSignatureFailure.KeyAlgorithmMismatch, Refusal(JwtSigner.Sign(GradeChange, "PS256", "2019-11-rsa", _rsa)));
    }

    [Fact]
    public void UnsignedJsonIsRefusedUnlessTheConnectionAllowsItForTesting()
    {
        Assert.Equal(CanvasSignatureFailure.Unsigned, Refusal(GradeChange));

        var accepted = Verifier(allowUnsigned: true).Verify("\n" + GradeChange);

        Assert.False(accepted.IsSigned);
        Assert.Null(accepted.KeyId);
    }

    [Fact]
    public void AnExpiredJwtIsRefusedAndOneWithinTheClockSkewIsNot()
    {
        string WithClaims(long? exp = null, long? nbf = null)
        {
            var payload = JsonNode.Parse(GradeChange)!.AsObject();
            if (exp is not null)
            {
                payload["exp"] = exp;
            }
            if (nbf is not null)
            {
                payload["nbf"] = nbf;
            }
            return JwtSigner.Sign(payload.ToJsonString(), "RS256", "2019-11-rsa", _rsa);
        }
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal(CanvasSignatureFailure.Expired, Refusal(WithClaims(exp: now - 600)));
        Assert.Equal(CanvasSignatureFailure.NotYetValid, Refusal(WithClaims(nbf: now + 600)));
        Assert.True(Verifier().Verify(WithClaims(exp: now - 60, nbf: now + 60)).IsSigned); // five minutes of skew
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("!!!.???.***")]
    public void ABodyThatIsNeitherJsonNorAJwtIsMalformed(string body)
    {
        Assert.Equal(CanvasSignatureFailure.Malformed, Refusal(body));
    }

    [Fact]
    public void SymmetricAndEncryptionKeysInTheSetAreIgnored()
    {
        var enc = JwtSigner.Jwk("enc", _rsa);
        enc["use"] = "enc";
        var set = CanvasJsonWebKeySet.Parse(JwtSigner.Jwks(
            new JsonObject { ["kty"] = "oct", ["kid"] = "hmac", ["k"] = "c2VjcmV0" }, enc, JwtSigner.Jwk("sig", _rsa)));

        Assert.Equal(["sig"], set.Keys.Keys);
    }

    [Fact]
    public void AMalformedKeySetIsAConfigurationError()
    {
        var broken = JwtSigner.Jwk("broken", _rsa);
        broken["n"] = "***";

        Assert.Throws<FormatException>(() => CanvasJsonWebKeySet.Parse(JwtSigner.Jwks(broken)));
        Assert.Throws<FormatException>(() => CanvasJsonWebKeySet.Parse(JwtSigner.Jwks(JwtSigner.Jwk("twice", _rsa), JwtSigner.Jwk("twice", _ec))));
        Assert.Throws<FormatException>(() => CanvasJsonWebKeySet.Parse("[]"));
        Assert.Throws<FormatException>(() => CanvasJsonWebKeySet.Parse("not json"));
    }
}
