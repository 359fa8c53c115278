using System.Globalization;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Hosting;

/// <summary>Checks the configuration at start-up and names the exact setting that is wrong.</summary>
public sealed class AttuneOptionsValidator : IValidateOptions<AttuneOptions>
{
    public ValidateOptionsResult Validate(string? name, AttuneOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            failures.Add("Attune:DataPath must name a folder for the embedded databases.");
        }
        foreach (var (tenant, settings) in options.Tenants)
        {
            var at = $"Attune:Tenants:{tenant}";
            if (!Identifier.IsValid(tenant, out var error) || tenant.Contains('/'))
            {
                failures.Add($"{at}: the tenant id {error ?? "must not contain '/'"}.");
            }
            var hasKey = !string.IsNullOrEmpty(settings.ApiKey);
            var hasHash = !string.IsNullOrEmpty(settings.ApiKeyHash);
            if (hasKey == hasHash)
            {
                failures.Add($"{at}: set exactly one of ApiKey or ApiKeyHash.");
            }
            else if (hasKey && settings.ApiKey!.Length < 16)
            {
                failures.Add($"{at}:ApiKey must be at least 16 characters.");
            }
            else if (hasHash && (settings.ApiKeyHash!.Length != 64 || !settings.ApiKeyHash.All(char.IsAsciiHexDigit)))
            {
                failures.Add($"{at}:ApiKeyHash must be the SHA-256 of the key as 64 hex digits.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.Admin.User))
        {
            failures.Add("Attune:Admin:User must not be empty.");
        }
        if (options.Admin.Password is { Length: > 0 and < 12 })
        {
            failures.Add("Attune:Admin:Password must be at least 12 characters.");
        }
        for (var i = 0; i < options.Ingestion.AdditionalKinds.Count; i++)
        {
            if (!EventKind.IsValidName(options.Ingestion.AdditionalKinds[i]))
            {
                failures.Add($"Attune:Ingestion:AdditionalKinds:{i} ('{options.Ingestion.AdditionalKinds[i]}') must be 1-64 lower-case letters, digits, '-' or '_'.");
            }
        }
        if (options.Ingestion.MaxBatchEvents is < 1 or > 100_000)
        {
            failures.Add("Attune:Ingestion:MaxBatchEvents must be from 1 to 100000.");
        }
        if (options.Ingestion.MaxBodyBytes is < 1024 or > 256L * 1024 * 1024)
        {
            failures.Add("Attune:Ingestion:MaxBodyBytes must be from 1024 to 268435456.");
        }
        if (options.Learners.SnapshotEveryEvents < 1)
        {
            failures.Add("Attune:Learners:SnapshotEveryEvents must be at least 1.");
        }
        if (options.Learners.SnapshotEvery <= TimeSpan.Zero)
        {
            failures.Add("Attune:Learners:SnapshotEvery must be a positive time span, e.g. 00:00:30.");
        }
        foreach (var (setting, port) in new[] { ("SiloPort", options.Orleans.SiloPort), ("GatewayPort", options.Orleans.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                failures.Add($"Attune:Orleans:{setting} must be a TCP port (1-65535), was {port.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
        if (options.Storage.Provider == Database.StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.Storage.Postgres))
        {
            failures.Add("Attune:Storage:Postgres must be a PostgreSQL connection string when Attune:Storage:Provider is Postgres.");
        }
        if (options.Storage.PostgresMaxConnections is < 2 or > 1000)
        {
            failures.Add("Attune:Storage:PostgresMaxConnections must be from 2 to 1000.");
        }
        if (options.Storage.PostgresJobConnections is < 1 or > 1000)
        {
            failures.Add("Attune:Storage:PostgresJobConnections must be from 1 to 1000.");
        }
        if (options.Orleans.Clustering == ClusteringMode.Redis)
        {
            if (string.IsNullOrWhiteSpace(options.Orleans.Redis))
            {
                failures.Add("Attune:Orleans:Redis must be a Redis configuration string (host:port[,password=...]) when Attune:Orleans:Clustering is Redis.");
            }
            if (options.Storage.Provider != Database.StorageProvider.Postgres)
            {
                failures.Add("Attune:Orleans:Clustering=Redis needs Attune:Storage:Provider=Postgres: silos of a cluster share one journal, which an embedded SQLite file cannot be.");
            }
        }
        if (options.Orleans.AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            failures.Add($"Attune:Orleans:AdvertisedAddress ('{address}') must be an IP address.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
