using Attune.Silo.Hosting;

namespace Attune.Silo.Tests.Hosting;

public sealed class AttuneOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new AttuneOptionsValidator().Validate(null, new AttuneOptions()).Succeeded);

    [Theory]
    [InlineData("Attune:Tenants:uni: set exactly one of ApiKey or ApiKeyHash")]
    [InlineData("Attune:Tenants:short:ApiKey must be at least 16 characters")]
    [InlineData("Attune:Tenants:hashed:ApiKeyHash must be the SHA-256")]
    [InlineData("Attune:Admin:Password must be at least 12 characters")]
    [InlineData("Attune:Ingestion:AdditionalKinds:0 ('Bad Kind')")]
    [InlineData("Attune:Orleans:SiloPort must be a TCP port")]
    public void EachWrongSettingIsNamed(string expected)
    {
        var options = new AttuneOptions
        {
            Tenants = new()
            {
                ["uni"] = new TenantOptions(),
                ["short"] = new TenantOptions { ApiKey = "abc" },
                ["hashed"] = new TenantOptions { ApiKeyHash = "not-hex" },
            },
            Admin = new AdminOptions { Password = "short" },
            Ingestion = new IngestionOptions { AdditionalKinds = ["Bad Kind"] },
            Orleans = new OrleansOptions { SiloPort = 70000 },
        };

        var result = new AttuneOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
