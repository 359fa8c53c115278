using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Attune.Silo.Hosting;

/// <summary>Membership of a multi-silo cluster in Redis, with a start-up check that names the setting when Redis is unreachable.</summary>
public static class ClusterHosting
{
    public static ISiloBuilder UseAttuneRedisClustering(this ISiloBuilder silo, OrleansOptions orleans)
    {
        var redis = ParseRedis(orleans.Redis!);
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        var advertised = orleans.AdvertisedAddress is { Length: > 0 } address ? IPAddress.Parse(address) : HostAddress();
        // Listen on every interface; tell the others the advertised address.
        silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
        // Checked now, while the host is being built: a wrong address fails start-up naming the setting, instead of
        // Orleans retrying membership for minutes.
        CheckReachable(redis, TimeSpan.FromSeconds(5));
        return silo;
    }

    private static ConfigurationOptions ParseRedis(string value)
    {
        try
        {
            var options = ConfigurationOptions.Parse(value);
            options.AbortOnConnectFail = false; // Orleans reconnects on its own once running
            return options;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Attune:Orleans:Redis is not a Redis configuration string: {ex.Message}", ex);
        }
    }

    private static IPAddress HostAddress()
    {
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? IPAddress.Loopback;
    }

    /// <summary>Fails start-up, naming <c>Attune:Orleans:Redis</c>, when no Redis answers there.</summary>
    public static void CheckReachable(ConfigurationOptions redis, TimeSpan timeout)
    {
        var probe = redis.Clone();
        probe.AbortOnConnectFail = true;
        probe.ConnectTimeout = (int)timeout.TotalMilliseconds;
        probe.ConnectRetry = 1;
        try
        {
            using var connection = ConnectionMultiplexer.Connect(probe);
            connection.GetDatabase().Ping();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or SocketException)
        {
            throw new InvalidOperationException(
                $"Attune:Orleans:Redis: cannot reach Redis at {string.Join(", ", redis.EndPoints)}: {ex.Message}", ex);
        }
    }
}
