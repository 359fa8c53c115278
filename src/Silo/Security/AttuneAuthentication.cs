namespace Attune.Silo.Security;

/// <summary>Scheme, policy and claim names.</summary>
public static class AttuneAuthentication
{
    /// <summary>Tenants authenticate with <c>Authorization: Bearer &lt;api key&gt;</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Admins authenticate with HTTP Basic.</summary>
    public const string AdminScheme = "AdminBasic";

    /// <summary>LMS senders authenticate with HTTP Basic: tenant id and API key.</summary>
    public const string TenantBasicScheme = "TenantBasic";

    public const string TenantPolicy = "Tenant";

    /// <summary>A tenant by API key, as Bearer or as Basic (for LMS plugins that only speak Basic).</summary>
    public const string LmsSenderPolicy = "LmsSender";
    public const string AdminPolicy = "Admin";
    public const string TenantClaim = "attune:tenant";
    public const string AdminRole = "admin";
}
