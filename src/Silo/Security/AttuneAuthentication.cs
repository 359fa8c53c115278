namespace Attune.Silo.Security;

/// <summary>Scheme, policy and claim names.</summary>
public static class AttuneAuthentication
{
    /// <summary>Tenants authenticate with <c>Authorization: Bearer &lt;api key&gt;</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Admins authenticate with HTTP Basic.</summary>
    public const string AdminScheme = "AdminBasic";

    public const string TenantPolicy = "Tenant";
    public const string AdminPolicy = "Admin";
    public const string TenantClaim = "attune:tenant";
    public const string AdminRole = "admin";
}
