using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attune.LmsAdapters;

/// <summary>Registration of connectors.</summary>
public static class LmsConnectorServiceCollectionExtensions
{
    /// <summary>Adds a connector (a singleton) and the <see cref="LmsConnectors"/> index that finds it by kind.</summary>
    public static IServiceCollection AddLmsConnector<T>(this IServiceCollection services)
        where T : class, ILmsConnector
    {
        services.AddSingleton<T>();
        services.AddSingleton<ILmsConnector>(sp => sp.GetRequiredService<T>());
        services.TryAddSingleton<LmsConnectors>();
        return services;
    }
}
