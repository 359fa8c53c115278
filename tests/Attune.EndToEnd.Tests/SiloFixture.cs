using Attune.Tests;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// One silo process shared by the tests of a class, serving two tenants, on a fresh data folder that is deleted
/// when the class is done.
/// </summary>
public class SiloFixture : IAsyncLifetime
{
    public const string Uni = "uni";
    public const string Other = "other";
    public const string UniKey = "uni-e2e-key-0123456789abcdef";
    public const string OtherKey = "other-e2e-key-fedcba9876543210";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"));

    public SiloFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="settings">Extra configuration, as environment variables (<c>Attune__Learners__SnapshotEveryEvents</c>).</param>
    /// <param name="appDefaultPlugins">
    /// Keep the shipped default plugins (<c>Attune:Plugins:Default</c> in appsettings.json) for tenants that configure none;
    /// otherwise such tenants get the built-in baseline alone, which most tests assert on exactly.
    /// </param>
    protected SiloFixture(IReadOnlyDictionary<string, string> settings, bool appDefaultPlugins = false)
    {
        var all = new Dictionary<string, string>(settings)
        {
            [$"Attune__Tenants__{Uni}__ApiKey"] = UniKey,
            [$"Attune__Tenants__{Other}__ApiKey"] = OtherKey,
        };
        // The fake Moodle and Canvas sites of the tests listen on 127.0.0.1, which a silo refuses to call unless allowed;
        // the tests of that refusal set it to false.
        all.TryAdd("Attune__Lms__AllowPrivateAddresses", "true");
        if (!appDefaultPlugins)
        {
            all.TryAdd("Attune__Plugins__Default__Strategies__0", "baseline");
        }
        if (TestStorage.Postgres)
        {
            _database = TestServices.CreateDatabase();
            foreach (var (name, value) in TestStorage.PostgresSettings(_database, clusterId: _database.Name))
            {
                all.TryAdd(name, value);
            }
        }
        Silo = new SiloProcess(_dataPath, all);
        Journal = Silo.Journal;
    }

    private readonly PostgresTestDatabase? _database;

    public SiloProcess Silo { get; }

    /// <summary>The silo's journal, opened by the test to see what was really written.</summary>
    public JournalFile Journal { get; }

    /// <summary>A client of tenant <c>uni</c>.</summary>
    public TenantClient UniClient => new(Silo, UniKey);

    /// <summary>A client of tenant <c>other</c>.</summary>
    public TenantClient OtherClient => new(Silo, OtherKey);

    public Task InitializeAsync() => Silo.StartAsync();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _database?.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner gets it
        }
    }
}
