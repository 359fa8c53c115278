using System.Security.Claims;
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
        var (credentials, malformed) = BasicCredentials.Parse(Request.Headers.Authorization);
        if (credentials is not { } basic)
        {
            return Task.FromResult(malformed ? AuthenticateResult.Fail("Malformed Basic credentials.") : AuthenticateResult.NoResult());
        }
        if (tenants.Authenticate(basic.Password) is not { } tenant || tenant.Value != basic.User)
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
            Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                ? "The Basic credentials are wrong: the user name must be the tenant id and the password that tenant's API key."
                : "Send HTTP Basic with the tenant id as user name and the tenant's API key as password, or 'Authorization: Bearer <key>'.");
}
