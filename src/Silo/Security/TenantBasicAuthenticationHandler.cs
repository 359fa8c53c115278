using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Security;

/// <summary>
/// HTTP Basic with a tenant's API key as the password and the tenant id as the user name: what LMS plugins that speak
/// xAPI (Moodle's logstore_xapi) can send. Only the statement endpoints accept it.
/// </summary>
public sealed class TenantBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TenantDirectory tenants) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0 || tenants.Authenticate(decoded[(colon + 1)..]) is not { } tenant || tenant.Value != decoded[..colon])
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid tenant credentials."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(AttuneAuthentication.TenantClaim, tenant.Value), new Claim(ClaimTypes.Name, tenant.Value)],
            AttuneAuthentication.TenantBasicScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Unauthorized.WriteAsync(Context, "Basic realm=\"Attune xAPI\", charset=\"UTF-8\"",
            "Send HTTP Basic with the tenant id as user name and the tenant's API key as password, or 'Authorization: Bearer <key>'.");
}
