using System.Globalization;
using System.Text;

namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// Deterministic ids for statements sent without one. Moodle's logstore_xapi never sets <c>id</c> and resends
/// whole batches after a failure (LMS-NOTES §0.2, §1c), so the id must be a function of the statement's
/// content: the same statement resent is the same event.
/// </summary>
public static class XapiStatementId
{
    // A fixed namespace for Attune's name-based UUIDs (RFC 9562 §5.5); never change it, or every derived id changes.
    private static readonly Guid Namespace = new("5b0d3c6e-8f0b-4e57-9d59-2f5c0b7a1e41");

    /// <summary>
    /// A UUID v5 over the statement's identifying content: actor IFI, verb, object, timestamp, result and
    /// registration. Display names and extensions are left out, so a translated re-send keeps its id.
    /// </summary>
    public static Guid Derive(XapiStatement statement)
    {
        var text = new StringBuilder()
            .Append(statement.Actor.IdentityKey ?? string.Join(',', statement.Actor.Members.Select(m => m.IdentityKey))).Append('\n')
            .Append(statement.VerbId).Append('\n')
            .Append(statement.Object.ObjectType).Append(':')
            .Append(statement.Object.Activity?.Id ?? statement.Object.Agent?.IdentityKey ?? statement.Object.StatementRef?.ToString("D")).Append('\n')
            .Append(statement.Timestamp?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        if (statement.Result is { } result)
        {
            text.Append(Format(result.Score?.Scaled)).Append(',').Append(Format(result.Score?.Raw)).Append(',')
                .Append(Format(result.Score?.Min)).Append(',').Append(Format(result.Score?.Max)).Append(',')
                .Append(result.Success).Append(',').Append(result.Completion).Append(',')
                .Append(Format(result.DurationSeconds)).Append(',').Append(result.Response);
        }
        text.Append('\n').Append(statement.Context?.Registration?.ToString("D"));
        return NameBased(text.ToString());
    }

    /// <summary>A UUID v5 (SHA-1, RFC 9562 §5.5) of <paramref name="name"/> in Attune's namespace.</summary>
    public static Guid NameBased(string name) => LmsFactKey.NameBased(Namespace, name);

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
