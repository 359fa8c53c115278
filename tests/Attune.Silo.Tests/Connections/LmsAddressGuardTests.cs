using System.Net;
using System.Net.Sockets;
using Attune.LmsAdapters;

namespace Attune.Silo.Tests.Connections;

/// <summary>Which addresses an LMS connection may not call unless Attune:Lms:AllowPrivateAddresses says so.</summary>
public sealed class LmsAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::1")]
    [InlineData("fc00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    public void InternalAddressesAreRefused(string address) => Assert.True(LmsAddressGuard.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesPass(string address) => Assert.False(LmsAddressGuard.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/moodle")]
    [InlineData("http://localhost/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00::1]/")]
    public async Task AUrlOnAnInternalAddressOrANameResolvingToOneIsRefusedNamingIt(string url)
    {
        var refusal = await LmsAddressGuard.CheckAsync(new Uri(url), CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("Attune:Lms:AllowPrivateAddresses", refusal);
    }

    [Fact]
    public async Task TheHandlerRefusesAtConnectTimeAndAllowsWhenConfigured()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            Interlocked.Increment(ref accepted);
            var stream = client.GetStream();
            var read = await stream.ReadAsync(new byte[4096]);
            Assert.True(read > 0);
            await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        });

        using (var guarded = new HttpClient(LmsAddressGuard.CreateHandler(allowInternal: false)))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"http://localhost:{port}/"));
            Assert.IsType<LmsAddressRefusedException>(refused.InnerException);
        }
        Assert.Equal(0, accepted);

        using var allowed = new HttpClient(LmsAddressGuard.CreateHandler(allowInternal: true));
        using var response = await allowed.GetAsync($"http://127.0.0.1:{port}/");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await serving;
        Assert.Equal(1, accepted);
        listener.Stop();
    }
}
