using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Attune.LmsAdapters;

/// <summary>
/// Keeps LMS calls off the silo's own network: a connection's URL is an admin's input, and a silo can reach what the
/// internet cannot (cloud metadata at 169.254.169.254, databases on 10/8, itself on 127.0.0.1). Unless allowed, an
/// address that is loopback, private, link-local, unique-local, shared (100.64/10), unspecified or multicast is refused,
/// for IP literals and for every address a host name resolves to. <see cref="CreateHandler"/> checks at connect time,
/// connecting only to the addresses it vetted, so a name that resolved to a public address at registration and to an
/// internal one later (DNS rebinding), or a redirect to an internal address, is refused too.
/// </summary>
public static class LmsAddressGuard
{
    /// <summary>Whether <paramref name="address"/> belongs to a network the silo shares with no one on the internet.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 or 10 or 127 => true,                      // "this network", private, loopback
                100 => b[1] is >= 64 and <= 127,              // shared address space (carrier-grade NAT)
                169 => b[1] == 254,                           // link-local, cloud metadata
                172 => b[1] is >= 16 and <= 31,               // private
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // private; IETF protocol assignments
                198 => b[1] is 18 or 19,                      // benchmarking
                >= 224 => true,                               // multicast, reserved, broadcast
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return true;
            }
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes.
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
            {
                return IsInternal(new IPAddress(b[12..]));
            }
            return false;
        }
        return true;
    }

    /// <summary>
    /// Why <paramref name="url"/> may not be called (its host is, or resolves to, an internal address), or <c>null</c>
    /// when it may. Resolution failures are not refusals: the call itself will report an unknown host.
    /// </summary>
    public static async Task<string?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }
        return Refusal(url.IdnHost, addresses);
    }

    /// <summary>
    /// The primary handler of the LMS HTTP client: connects only to addresses that pass the check (unless
    /// <paramref name="allowInternal"/>), and never through a proxy, so the address checked is the one called.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowInternal) => new()
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2), // a long-lived connection would hide a changed DNS answer
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (!allowInternal && Refusal(host, addresses) is { } refusal)
            {
                throw new LmsAddressRefusedException(refusal);
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }

    private static string? Refusal(string host, IPAddress[] addresses) =>
        addresses.FirstOrDefault(IsInternal) is { } inside
            ? IPAddress.TryParse(host.Trim('[', ']'), out _)
                ? $"{host} is an internal address (loopback, private, link-local or metadata); LMS calls go only to public addresses unless Attune:Lms:AllowPrivateAddresses is true"
                : $"{host} resolves to {inside}, an internal address (loopback, private, link-local or metadata); LMS calls go only to public addresses unless Attune:Lms:AllowPrivateAddresses is true"
            : null;
}

/// <summary>An LMS call was not made: its host is, or resolves to, an internal address (see <see cref="LmsAddressGuard"/>).</summary>
public sealed class LmsAddressRefusedException(string message) : IOException(message);
