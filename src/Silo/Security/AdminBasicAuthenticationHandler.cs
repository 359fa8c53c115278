using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Attune.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Security;

/// <summary>
/// HTTP Basic for admins, against <c>Attune:Admin:User</c> and <c>Attune:Admin:Password</c>, compared in constant time.
/// With no password configured nobody is an admin.
/// </summary>
public sealed class AdminBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AttuneOptions> attune) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private readonly byte[] _userHash = TenantDirectory.Hash(attune.Value.Admin.User);
    private readonly byte[]? _passwordHash = attune.Value.Admin.Password is { Length: > 0 } p ? TenantDirectory.Hash(p) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (credentials, malformed) = BasicCredentials.Parse(Request.Headers.Authorization);
        if (credentials is not { } basic)
        {
            return Task.FromResult(malformed ? AuthenticateResult.Fail("Malformed Basic credentials.") : AuthenticateResult.NoResult());
        }
        if (_passwordHash is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid admin credentials."));
        }
        var userOk = CryptographicOperations.FixedTimeEquals(TenantDirectory.Hash(basic.User), _userHash);
        var passwordOk = CryptographicOperations.FixedTimeEquals(TenantDirectory.Hash(basic.Password), _passwordHash);
        if (!(userOk & passwordOk))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid admin credentials."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, basic.User), new Claim(ClaimTypes.Role, AttuneAuthentication.AdminRole)],
            AttuneAuthentication.AdminScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        return Unauthorized.WriteAsync(Context, "Basic realm=\"Attune admin\", charset=\"UTF-8\"", "Admin credentials are required (HTTP Basic).");
    }
}
