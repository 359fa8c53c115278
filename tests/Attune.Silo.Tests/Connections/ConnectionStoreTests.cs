using Attune.Silo.Connections;
using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Tests.Connections;

/// <summary>A connection's <c>env:</c> token names an environment variable of the allowed prefix, or is never read.</summary>
public sealed class ConnectionStoreTests : IAsyncLifetime
{
    private const string AllowedVariable = "ATTUNE_LMS_STORE_TEST_TOKEN";
    private const string SiloSecret = "Attune__Admin__StoreTestPassword";
    private readonly TempFolder _temp = new();
    private EventJournal _journal = null!;
    private ConnectionStore _store = null!;

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(AllowedVariable, "lms-token-value");
        Environment.SetEnvironmentVariable(SiloSecret, "the-admin-password");
        _journal = new EventJournal(Path.Combine(_temp.Path, "journal.db"), TimeProvider.System, NullLogger<EventJournal>.Instance);
        _store = new ConnectionStore(_journal, new EphemeralDataProtectionProvider(), Options.Create(new AttuneOptions()), TimeProvider.System);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("env:" + SiloSecret)]
    [InlineData("env:PATH")]
    [InlineData("env:ATTUNE_LMS_")]
    [InlineData("env:attune_lms_lowercase")]
    public void AReferenceOutsideThePrefixIsRefusedAndNeverResolved(string token)
    {
        var problem = _store.TokenReferenceProblem(token);

        Assert.NotNull(problem);
        Assert.Contains("ATTUNE_LMS_", problem);
        var refused = Assert.Throws<InvalidOperationException>(() => _store.Resolve(token));
        Assert.DoesNotContain("the-admin-password", refused.Message);
        Assert.Throws<ArgumentException>(() => _store.Upsert("c1", new TenantId("uni"), "moodle", new Uri("https://lms.example.edu"), token, "* * * * *", new Dictionary<string, string>()));
        Assert.Null(_store.Find("c1"));
    }

    [Fact]
    public void AReferenceWithThePrefixIsReadWhenUsed()
    {
        _store.Upsert("c2", new TenantId("uni"), "moodle", new Uri("https://lms.example.edu"), "env:" + AllowedVariable, "* * * * *", new Dictionary<string, string>());

        Assert.Null(_store.TokenReferenceProblem("env:" + AllowedVariable));
        Assert.Equal("lms-token-value", _store.Token("c2"));
    }

    [Fact]
    public void APlainTokenIsNoReference() => Assert.Null(_store.TokenReferenceProblem("0c1d5e7f9a2b4c6d"));

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        _temp.Dispose();
        Environment.SetEnvironmentVariable(AllowedVariable, null);
        Environment.SetEnvironmentVariable(SiloSecret, null);
    }
}
