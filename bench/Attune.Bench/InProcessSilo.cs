using Attune.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attune.Bench;

/// <summary>
/// A silo in this process, built as Program.cs builds it (<c>AddAttuneCore</c>, <c>UseOrleans(AddAttuneSilo)</c>)
/// without the web server, on free ports and its own data folder.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private InProcessSilo(IHost host) => _host = host;

    public static async Task<InProcessSilo> StartAsync(string dataFolder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, // no appsettings.json, environment or command line: only what is set here
            ContentRootPath = dataFolder,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Attune:DataPath"] = dataFolder,
            // Keys are required for the tenant list; nothing authenticates in this mode.
            ["Attune:Tenants:bench:ApiKey"] = "bench-direct-not-used",
            ["Attune:Tenants:staged:ApiKey"] = "staged-direct-not-used",
            ["Attune:Tenants:warmup:ApiKey"] = "warmup-direct-not-used",
            ["Attune:Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Attune:Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Attune:Orleans:ClusterId"] = "attune-bench-direct",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAttuneCore();
        builder.UseOrleans(silo => silo.AddAttuneSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
