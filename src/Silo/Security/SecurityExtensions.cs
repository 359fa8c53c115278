using Attune.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Tenants authenticate with API keys, admins with HTTP Basic. Every endpoint requires one of them
    /// (the fallback policy) unless it opts out, and only <c>/health</c> does.
    /// </summary>
    public static IServiceCollection AddAttuneSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(AttuneAuthentication.ApiKeyScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AttuneAuthentication.ApiKeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(AttuneAuthentication.AdminScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AttuneAuthentication.TenantPolicy, p => p
                .AddAuthenticationSchemes(AttuneAuthentication.ApiKeyScheme)
                .RequireClaim(AttuneAuthentication.TenantClaim))
            .AddPolicy(AttuneAuthentication.AdminPolicy, p => p
                .AddAuthenticationSchemes(AttuneAuthentication.AdminScheme)
                .RequireRole(AttuneAuthentication.AdminRole))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AttuneAuthentication.ApiKeyScheme, AttuneAuthentication.AdminScheme)
                .RequireAuthenticatedUser()
                .Build());
        // Nothing here issues cookies or antiforgery tokens, so data-protection keys need not outlive the process.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddHostedService<AdminCredentialsWarning>();
        return services;
    }

    private sealed class AdminCredentialsWarning(IOptions<AttuneOptions> options, ILogger<AdminCredentialsWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(options.Value.Admin.Password))
            {
                logger.LogWarning("Attune:Admin:Password is not set: admin endpoints and dashboards stay closed");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
