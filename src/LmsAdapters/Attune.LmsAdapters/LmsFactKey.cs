using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Attune.LmsAdapters;

/// <summary>
/// The identity of one LMS fact: what happened (<c>completion</c>, <c>grade</c>, <c>quiz-attempt</c>...), to what,
/// by whom and, where the LMS can hold the same fact more than once, when. Adapters build it from the fact itself,
/// never from the door it came through (a push's delivery id, a registration, a connection), so a pushed statement,
/// a pulled record, a resend and a back-fill of one fact have one key and the journal keeps one row
/// (it is unique on tenant, <see cref="LmsSite.Source"/> and key).
/// </summary>
public static class LmsFactKey
{
    // A fixed namespace for name-based UUIDs of facts (RFC 9562 §5.5); never change it, or every derived id changes.
    private static readonly Guid Namespace = new("7e2a4f0c-3b8d-5a61-9c47-d1e0b6f2a835");

    /// <summary>The key <c>{what}:{part}:{part}…</c>, invariant culture, validated as an identifier.</summary>
    public static string Of(string what, params object[] parts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var builder = new StringBuilder(what);
        foreach (var part in parts)
        {
            builder.Append(':').Append(part switch
            {
                DateTimeOffset time => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => part.ToString(),
            });
        }
        return Identifier.Require(builder.ToString(), nameof(parts));
    }

    /// <summary>
    /// A UUID v5 of a fact key within its source: what a receiver that must answer with UUIDs (an xAPI LRS)
    /// returns for the fact, the same whenever the fact comes back.
    /// </summary>
    public static Guid Uuid(string source, string key) => NameBased(Namespace, source + "\n" + key);

    /// <summary>A UUID v5 (SHA-1, RFC 9562 §5.5) of <paramref name="name"/> in <paramref name="space"/>: the one derivation every adapter's ids use.</summary>
    public static Guid NameBased(Guid space, string name)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        space.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        // SHA-1 because RFC 9562 defines version 5 with it; this is naming, not security.
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }

    /// <summary>
    /// The key of the same fact once the learner it names is known by another id (an <c>mbox</c> resolved by the
    /// identity map): the learner is a whole <c>:</c>-separated part of a key, so the part is replaced; keys without the
    /// learner (a quiz attempt's) stay as they are.
    /// </summary>
    public static string Rekey(string key, string learner, string resolved)
    {
        ArgumentNullException.ThrowIfNull(key);
        var part = ":" + learner + ":";
        var at = key.IndexOf(part, StringComparison.Ordinal);
        return at < 0 ? key : Identifier.Require(key[..at] + ":" + resolved + ":" + key[(at + part.Length)..], nameof(resolved));
    }
}
