using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Attune.Silo.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Tests.Security;

public sealed class TenantDirectoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task AConfiguredKeyAuthenticatesItsTenantOnly()
    {
        await using var journal = OpenJournal();
        var directory = Directory(journal, new() { ["uni"] = new() { ApiKey = "uni-key-0123456789" }, ["other"] = new() { ApiKeyHash = Convert.ToHexString(TenantDirectory.Hash("other-key-0123456789")) } });

        Assert.Equal(new TenantId("uni"), directory.Authenticate("uni-key-0123456789"));
        Assert.Equal(new TenantId("other"), directory.Authenticate("other-key-0123456789"));
        Assert.Null(directory.Authenticate("uni-key-012345678"));
        Assert.Null(directory.Authenticate(""));
    }

    [Fact]
    public async Task WithNoTenantConfiguredTheDemoTenantIsCreatedOnceAndOnlyItsHashIsStored()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            await using var journal = OpenJournal();
            var first = Directory(journal, []);
            var key = System.Text.RegularExpressions.Regex.Match(console.ToString(), "atk_[A-Za-z0-9_-]+").Value;
            var second = Directory(journal, []);

            Assert.Equal(new TenantId(TenantDirectory.DemoTenant), first.Authenticate(key));
            Assert.Equal(new TenantId(TenantDirectory.DemoTenant), second.Authenticate(key));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(console.ToString(), "atk_"));
            using var connection = journal.Database.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT key_hash FROM tenant_keys";
            var stored = (string)cmd.ExecuteScalar()!;
            Assert.DoesNotContain(key, stored);
            Assert.Equal(Convert.ToHexString(TenantDirectory.Hash(key)), stored);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private EventJournal OpenJournal() => new(Path.Combine(_folder.Path, "journal.db"), TimeProvider.System, NullLogger<EventJournal>.Instance);

    private static TenantDirectory Directory(EventJournal journal, Dictionary<string, TenantOptions> tenants) =>
        new(Options.Create(new AttuneOptions { Tenants = tenants }), journal, TimeProvider.System, NullLogger<TenantDirectory>.Instance);

    public void Dispose() => _folder.Dispose();
}
