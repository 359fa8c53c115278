using System.Security.Cryptography;
using System.Text;
using Attune.Silo.Hosting;
using Attune.Silo.Database;
using Attune.Silo.Journal;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Security;

/// <summary>
/// Knows every tenant and the SHA-256 of its API key, and maps a presented key to its tenant in constant time.
/// Keys come from configuration; with none configured, the first start creates a <c>demo</c> tenant, prints its
/// key once on the console and keeps only the hash in the journal database.
/// </summary>
public sealed class TenantDirectory
{
    public const string DemoTenant = "demo";
    private readonly (TenantId Tenant, byte[] KeyHash)[] _tenants;

    public TenantDirectory(IOptions<AttuneOptions> options, EventJournal journal, TimeProvider clock, ILogger<TenantDirectory> logger)
    {
        var configured = options.Value.Tenants
            .Select(t => (new TenantId(t.Key), t.Value.ApiKey is { Length: > 0 } key ? Hash(key) : Convert.FromHexString(t.Value.ApiKeyHash!)))
            .ToArray();
        if (configured.Length > 0)
        {
            _tenants = configured;
            logger.LogInformation("Serving {Count} configured tenants: {Tenants}", configured.Length, configured.Select(t => t.Item1.Value));
            return;
        }
        _tenants = LoadOrCreateDemo(journal, clock, logger);
    }

    public IEnumerable<TenantId> Tenants => _tenants.Select(t => t.Tenant);

    /// <summary>The tenant whose key this is, or <c>null</c>. Every stored hash is compared, in constant time each.</summary>
    public TenantId? Authenticate(string presentedKey)
    {
        var presented = Hash(presentedKey);
        TenantId? match = null;
        foreach (var (tenant, keyHash) in _tenants)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, keyHash))
            {
                match = tenant;
            }
        }
        return match;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static (TenantId, byte[])[] LoadOrCreateDemo(EventJournal journal, TimeProvider clock, ILogger logger)
    {
        using var connection = journal.Database.Open();
        var stored = ReadStored(connection);
        if (stored.Length > 0)
        {
            logger.LogInformation("No tenant configured; serving the stored tenants {Tenants} (keys were printed at first start)",
                stored.Select(t => t.Item1.Value));
            return stored;
        }

        var key = "atk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var hash = Hash(key);
        using (var insert = connection.CreateCommand())
        {
            // Several silos of a cluster may start at once against an empty database: one creates the tenant.
            insert.CommandText = "INSERT INTO tenant_keys (tenant, key_hash, created_at) VALUES (@t, @h, @now) ON CONFLICT DO NOTHING";
            insert.Add("@t", DemoTenant);
            insert.Add("@h", Convert.ToHexString(hash));
            insert.Add("@now", clock.GetUtcNow().UtcTicks);
            if (insert.ExecuteNonQuery() == 0)
            {
                return ReadStored(connection);
            }
        }
        // Straight to the console, never through ILogger: log sinks must not receive secrets.
        Console.WriteLine($"""

            ============================================================================
             No tenant is configured, so Attune created the tenant '{DemoTenant}'.
             Its API key is shown this once; only its hash is stored:

                 {key}

             Use it as:  Authorization: Bearer <key>
             Configure real tenants with Attune:Tenants:<tenant>:ApiKey (or ApiKeyHash).
            ============================================================================

            """);
        logger.LogWarning("No tenant configured: created tenant {Tenant}; its key was printed once on the console", DemoTenant);
        return [(new TenantId(DemoTenant), hash)];
    }

    private static (TenantId, byte[])[] ReadStored(System.Data.Common.DbConnection connection)
    {
        using var read = connection.Command("SELECT tenant, key_hash FROM tenant_keys ORDER BY tenant");
        using var reader = read.ExecuteReader();
        var stored = new List<(TenantId, byte[])>();
        while (reader.Read())
        {
            stored.Add((new TenantId(reader.GetString(0)), Convert.FromHexString(reader.GetString(1))));
        }
        return stored.ToArray();
    }
}
