using System.Security.Claims;
using Attune.Silo.Security;

namespace Attune.Silo.Api;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's tenant, from the API key that authenticated the request (never from the body or URL).</summary>
    public static TenantId Tenant(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(AttuneAuthentication.TenantClaim)
            ?? throw new InvalidOperationException("Endpoint is missing the Tenant authorization policy."));
}
