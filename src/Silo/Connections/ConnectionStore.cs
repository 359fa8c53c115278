using System.Text.Json;
using Attune.Silo.Database;
using Attune.Silo.Journal;
using Microsoft.AspNetCore.DataProtection;

namespace Attune.Silo.Connections;

/// <summary>
/// LMS connections in the journal database. Tokens are stored encrypted with ASP.NET Core Data Protection (keys in the
/// data folder), or as a reference <c>env:NAME</c> to an environment variable that is read only when the token is used,
/// and only when NAME starts with <c>Attune:Lms:TokenEnvironmentPrefix</c> (the silo's own secrets are no tokens).
/// No API returns a token and nothing logs one.
/// </summary>
public sealed class ConnectionStore(EventJournal journal, IDataProtectionProvider protection, Microsoft.Extensions.Options.IOptions<Hosting.AttuneOptions> options, TimeProvider clock)
{
    private readonly string _environmentPrefix = options.Value.Lms.TokenEnvironmentPrefix;

    private const string SecretReference = "env:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _tokens = protection.CreateProtector("Attune.Connections.Token.v1");

    /// <summary>Inserts or replaces a connection (a replaced connection keeps its cursor and status).</summary>
    /// <exception cref="ArgumentException">The token is an <c>env:</c> reference outside the allowed prefix.</exception>
    public void Upsert(string id, TenantId tenant, string kind, Uri url, string token, string schedule, IReadOnlyDictionary<string, string> settings)
    {
        if (TokenReferenceProblem(token) is { } problem)
        {
            throw new ArgumentException($"token {problem}.", nameof(token));
        }
        var stored = token.StartsWith(SecretReference, StringComparison.Ordinal) ? token : _tokens.Protect(token);
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO connections (id, tenant, kind, url, token, schedule, settings, created_at, status)
            VALUES (@id, @tenant, @kind, @url, @token, @schedule, @settings, @now, @status)
            ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, kind = excluded.kind, url = excluded.url,
                token = excluded.token, schedule = excluded.schedule, settings = excluded.settings
            """;
        cmd.Add("@id", id);
        cmd.Add("@tenant", tenant.Value);
        cmd.Add("@kind", kind);
        cmd.Add("@url", url.ToString());
        cmd.Add("@token", stored);
        cmd.Add("@schedule", schedule);
        cmd.Add("@settings", JsonSerializer.Serialize(settings, Json));
        cmd.Add("@now", clock.GetUtcNow().UtcTicks);
        cmd.Add("@status", JsonSerializer.Serialize(ConnectionStatus.Never, Json));
        cmd.ExecuteNonQuery();
    }

    public LmsConnection? Find(string id) => Query("WHERE id = @id", ("@id", id)).FirstOrDefault();

    public List<LmsConnection> List(TenantId? tenant = null) =>
        tenant is { } t ? Query("WHERE tenant = @t ORDER BY id", ("@t", t.Value)) : Query("ORDER BY id");

    public bool Delete(string id)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM connections WHERE id = @id";
        cmd.Add("@id", id);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>The token in clear, for the client that calls the LMS; never log or return it.</summary>
    /// <exception cref="InvalidOperationException">A referenced environment variable is not set, or the keys cannot decrypt the token.</exception>
    public string Token(string id)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT token FROM connections WHERE id = @id";
        cmd.Add("@id", id);
        var stored = cmd.ExecuteScalar() as string ?? throw new InvalidOperationException($"No connection '{id}'.");
        if (stored.StartsWith(SecretReference, StringComparison.Ordinal))
        {
            var name = stored[SecretReference.Length..];
            if (TokenReferenceProblem(stored) is { } problem)
            {
                // Stored before the prefix rule, or under another prefix: never read, whatever the variable holds.
                throw new InvalidOperationException($"Connection '{id}': its token {problem}; register the token again.");
            }
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Connection '{id}' reads its token from environment variable {name}, which is not set.");
        }
        try
        {
            return _tokens.Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException(
                $"Connection '{id}': the stored token cannot be decrypted (the Data Protection keys in the data folder changed); register the token again.");
        }
    }

    /// <summary>
    /// Why <paramref name="token"/> may not be used: an <c>env:</c> reference to a variable outside the allowed prefix;
    /// <c>null</c> for a plain token or an allowed reference.
    /// </summary>
    public string? TokenReferenceProblem(string token)
    {
        if (!token.StartsWith(SecretReference, StringComparison.Ordinal))
        {
            return null;
        }
        var name = token[SecretReference.Length..];
        return name.Length > _environmentPrefix.Length && name.StartsWith(_environmentPrefix, StringComparison.Ordinal)
            ? null
            : $"may reference only environment variables whose names start with {_environmentPrefix} (Attune:Lms:TokenEnvironmentPrefix); env:{Shown(name)} is not read";
    }

    /// <summary>A token as given at registration: in clear, or an allowed <c>env:NAME</c> read from the environment now.</summary>
    /// <exception cref="InvalidOperationException">The reference is outside the allowed prefix.</exception>
    public string Resolve(string token)
    {
        if (TokenReferenceProblem(token) is { } problem)
        {
            throw new InvalidOperationException($"token {problem}.");
        }
        return token.StartsWith(SecretReference, StringComparison.Ordinal) ? Environment.GetEnvironmentVariable(token[SecretReference.Length..]) ?? "" : token;
    }

    private static string Shown(string name) => name.Length <= 60 ? name : name[..60] + "…";

    /// <summary>Replaces a connection's kind-specific settings (e.g. Canvas item aliases learned by a sync).</summary>
    public void UpdateSettings(string id, IReadOnlyDictionary<string, string> settings)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE connections SET settings = @settings WHERE id = @id";
        cmd.Add("@id", id);
        cmd.Add("@settings", JsonSerializer.Serialize(settings, Json));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Records a sync's outcome; the cursor moves only when given (after the sync's events are durable).</summary>
    public void RecordSync(string id, ConnectionStatus status, string? cursor)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = cursor is null
            ? "UPDATE connections SET status = @status WHERE id = @id"
            : "UPDATE connections SET status = @status, cursor = @cursor WHERE id = @id";
        cmd.Add("@id", id);
        cmd.Add("@status", JsonSerializer.Serialize(status, Json));
        cmd.Add("@cursor", (object?)cursor ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private List<LmsConnection> Query(string where, params (string Name, string Value)[] parameters)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT id, tenant, kind, url, schedule, settings, created_at, cursor, status FROM connections {where}";
        foreach (var (name, value) in parameters)
        {
            cmd.Add(name, value);
        }
        var result = new List<LmsConnection>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new LmsConnection(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), new Uri(reader.GetString(3)), reader.GetString(4),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5), Json) ?? [],
                new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                JsonSerializer.Deserialize<ConnectionStatus>(reader.GetString(8), Json) ?? ConnectionStatus.Never));
        }
        return result;
    }
}
