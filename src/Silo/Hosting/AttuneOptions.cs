using System.ComponentModel.DataAnnotations;

namespace Attune.Silo.Hosting;

/// <summary>The <c>Attune</c> configuration section: everything a deployment sets, with working defaults.</summary>
public sealed class AttuneOptions
{
    public const string Section = "Attune";

    /// <summary>Folder for the embedded databases (journal, grain snapshots). Relative paths are resolved against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "data";

    /// <summary>Tenants by id. Each has an API key given in plain text (<c>ApiKey</c>) or as its SHA-256 hex hash (<c>ApiKeyHash</c>).</summary>
    public Dictionary<string, TenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    public AdminOptions Admin { get; set; } = new();

    public IngestionOptions Ingestion { get; set; } = new();

    public LearnerOptions Learners { get; set; } = new();

    public OrleansOptions Orleans { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public LmsOptions Lms { get; set; } = new();
}

/// <summary>What LMS connections may reach and read (<c>Attune:Lms</c>).</summary>
public sealed class LmsOptions
{
    /// <summary>
    /// A connection token given as <c>env:NAME</c> is read from environment variable NAME only when NAME starts with this
    /// prefix (case-sensitive), so an admin cannot point a connection at the silo's own secrets (<c>env:Attune__Admin__Password</c>).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string TokenEnvironmentPrefix { get; set; } = "ATTUNE_LMS_";

    /// <summary>
    /// Whether connections may call loopback, private, link-local and metadata addresses (127/8, 10/8, 172.16/12,
    /// 192.168/16, 169.254/16, ::1, fc00::/7, and names resolving to them). Off: an LMS on the silo's own network must be
    /// allowed explicitly.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>Where the journal, snapshots, model versions and Hangfire's jobs live (<c>Attune:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (embedded files in <c>Attune:DataPath</c>, one silo) or <c>Postgres</c> (shared by a cluster).</summary>
    public Database.StorageProvider Provider { get; set; } = Database.StorageProvider.Sqlite;

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is <c>Postgres</c>, e.g. <c>Host=db;Database=attune;Username=attune;Password=...</c>.</summary>
    public string? Postgres { get; set; }

    /// <summary>
    /// Most connections one silo holds to PostgreSQL for the journal, snapshots and stores (Hangfire keeps up to
    /// <see cref="PostgresJobConnections"/> more). Requests beyond it wait for a free one. Keep
    /// silos × (this + jobs) under the server's <c>max_connections</c> (100 by default). A <c>Maximum Pool Size</c> in
    /// the connection string wins.
    /// </summary>
    public int PostgresMaxConnections { get; set; } = 16;

    /// <summary>Most connections one silo's Hangfire (jobs, dashboard) holds to PostgreSQL.</summary>
    public int PostgresJobConnections { get; set; } = 5;
}

/// <summary>How silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine (the default).</summary>
    Localhost,

    /// <summary>Membership in Redis: any number of silos, on one machine or many.</summary>
    Redis,
}

public sealed class TenantOptions
{
    /// <summary>The tenant's API key in plain text, e.g. from an environment variable. Hashed on load, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The SHA-256 of the API key as 64 hex digits, for deployments that keep no plain key in configuration.</summary>
    public string? ApiKeyHash { get; set; }
}

public sealed class AdminOptions
{
    public string User { get; set; } = "admin";

    /// <summary>Admin password for HTTP Basic. When unset, admin endpoints and dashboards stay closed.</summary>
    public string? Password { get; set; }
}

public sealed class IngestionOptions
{
    /// <summary>Most events one <c>POST /api/v1/events</c> may carry.</summary>
    [Range(1, 100_000)]
    public int MaxBatchEvents { get; set; } = 1000;

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Event kinds accepted beyond the built-in ones (viewed, started, answered, submitted, graded, completed, reviewed).</summary>
    public List<string> AdditionalKinds { get; set; } = [];

    /// <summary>How far in the future an event's timestamp may lie (clock skew between LMS and Attune).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromHours(24);
}

public sealed class LearnerOptions
{
    /// <summary>A learner grain writes its snapshot after this many applied events...</summary>
    [Range(1, 1_000_000)]
    public int SnapshotEveryEvents { get; set; } = 200;

    /// <summary>...or this long after the first unsaved event, whichever comes first.</summary>
    public TimeSpan SnapshotEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a course's catalog and peer counts are cached for recommendations.</summary>
    public TimeSpan CatalogCacheTime { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class OrleansOptions
{
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    [Required(AllowEmptyStrings = false)]
    public string ClusterId { get; set; } = "attune-dev";

    [Required(AllowEmptyStrings = false)]
    public string ServiceId { get; set; } = "attune";

    /// <summary><c>Localhost</c> (one silo) or <c>Redis</c> (a cluster; needs <c>Attune:Storage:Provider=Postgres</c>).</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>The StackExchange.Redis configuration string for Redis clustering, e.g. <c>redis1:6379,password=...</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The address other silos reach this one at (Redis clustering). Defaults to this host's first IPv4 address;
    /// set <c>127.0.0.1</c> to run several silos on one machine.
    /// </summary>
    public string? AdvertisedAddress { get; set; }
}
