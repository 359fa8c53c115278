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
            .AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(AttuneAuthentication.AdminScheme, null)
            .AddScheme<AuthenticationSchemeOptions, TenantBasicAuthenticationHandler>(AttuneAuthentication.TenantBasicScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AttuneAuthentication.TenantPolicy, p => p
                .AddAuthenticationSchemes(AttuneAuthentication.ApiKeyScheme)
                .RequireClaim(AttuneAuthentication.TenantClaim))
            .AddPolicy(AttuneAuthentication.LmsSenderPolicy, p => p
                .AddAuthenticationSchemes(AttuneAuthentication.ApiKeyScheme, AttuneAuthentication.TenantBasicScheme)
                .RequireClaim(AttuneAuthentication.TenantClaim))
            .AddPolicy(AttuneAuthentication.AdminPolicy, p => p
                .AddAuthenticationSchemes(AttuneAuthentication.AdminScheme)
                .RequireRole(AttuneAuthentication.AdminRole))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AttuneAuthentication.ApiKeyScheme, AttuneAuthentication.AdminScheme)
                .RequireAuthenticatedUser()
                .Build());
        // LMS tokens are encrypted with Data Protection, so its keys must survive restarts: in the data folder with the
        // embedded journal, or in the PostgreSQL journal database, where every silo of a cluster shares them.
        services.AddDataProtection().SetApplicationName("attune");
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlRepository = sp.GetRequiredService<Database.JournalDatabase>() is Database.PostgresJournalDatabase postgres
                    ? new DatabaseXmlRepository(postgres, sp.GetRequiredService<TimeProvider>())
                    : new PrivateKeyFolder(
                        Storage.PrivateFiles.OwnFolder(Path.Combine(AttuneHostingExtensions.DataFolder(sp), "keys")), sp.GetRequiredService<ILoggerFactory>())));
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
