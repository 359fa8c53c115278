using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against <see cref="TenantDirectory"/>. The key is never logged.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TenantDirectory tenants) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var key = header["Bearer ".Length..].Trim();
        if (key.Length == 0 || tenants.Authenticate(key) is not { } tenant)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(AttuneAuthentication.TenantClaim, tenant.Value), new Claim(ClaimTypes.Name, tenant.Value)],
            AttuneAuthentication.ApiKeyScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var header = Request.Headers.Authorization.ToString();
        // Basic credentials on a door that takes them (xAPI) are the Basic scheme's to answer: advice to send a Bearer
        // key would be wrong for a sender such as logstore_xapi that can only send Basic.
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && AcceptsTenantBasic())
        {
            return Task.CompletedTask;
        }
        return Unauthorized.WriteAsync(Context, "Bearer realm=\"Attune\"", header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "The API key is not a tenant's key: send the tenant's API key as 'Authorization: Bearer <key>'."
            : "Send the tenant's API key as 'Authorization: Bearer <key>'.");
    }

    private bool AcceptsTenantBasic() =>
        Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Any(a => a.Policy == AttuneAuthentication.LmsSenderPolicy) == true;
}
