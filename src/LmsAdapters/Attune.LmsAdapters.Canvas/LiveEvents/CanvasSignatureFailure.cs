namespace Attune.LmsAdapters.Canvas;

/// <summary>Why a Live Events body was refused. Every one of them is answered 401 by the receiver.</summary>
public enum CanvasSignatureFailure
{
    /// <summary>The body is plain JSON, not a JWT, and unsigned events are not allowed.</summary>
    Unsigned,
    /// <summary>The body is neither JSON nor a compact JWS (three base64url parts), or its header or payload is not JSON.</summary>
    Malformed,
    /// <summary>The JWT says <c>alg: none</c>: refused always, whatever the settings.</summary>
    AlgorithmNone,
    /// <summary>The JWT's algorithm is not an asymmetric one this verifier knows (HS256 in particular is refused).</summary>
    UnsupportedAlgorithm,
    /// <summary>The JWT header names no <c>kid</c>.</summary>
    MissingKeyId,
    /// <summary>No key of the configured set has the JWT's <c>kid</c> (a rotated key, or a forger's).</summary>
    UnknownKey,
    /// <summary>The key with that <c>kid</c> is of another type or curve than the algorithm, or declares another <c>alg</c>.</summary>
    KeyAlgorithmMismatch,
    /// <summary>The signature does not verify: the body was altered or signed with another key.</summary>
    BadSignature,
    /// <summary>The payload's <c>exp</c> is past.</summary>
    Expired,
    /// <summary>The payload's <c>nbf</c> is still ahead.</summary>
    NotYetValid,
}
