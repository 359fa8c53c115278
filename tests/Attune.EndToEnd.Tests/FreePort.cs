using System.Net;
using System.Net.Sockets;

namespace Attune.EndToEnd.Tests;

/// <summary>TCP ports nobody is listening on, so silos started side by side or one after another never collide.</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
