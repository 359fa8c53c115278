using System.Net.Sockets;
using System.Text;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// HTTP/1.1 over a bare socket, for bodies the server refuses before they are all sent. HttpClient reports the broken
/// pipe of its unfinished upload instead of the 413 the server had already answered; here the answer is read while
/// the body is still being written, so the refusal itself is what the test sees.
/// </summary>
internal static class RawHttp
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Posts <paramref name="body"/> as JSON, with a Content-Length or chunked; returns the status line and headers.</summary>
    public static async Task<RawResponse> PostJsonAsync(Uri server, string path, string apiKey, byte[] body, bool declareLength)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {apiKey}\r\n" +
            "Content-Type: application/json\r\nConnection: close\r\n" +
            (declareLength ? $"Content-Length: {body.Length}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";

        var sending = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
                for (var offset = 0; offset < body.Length; offset += ChunkSize)
                {
                    var part = body.AsMemory(offset, Math.Min(ChunkSize, body.Length - offset));
                    if (!declareLength)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{part.Length:X}\r\n"), timeout.Token);
                    }
                    await stream.WriteAsync(part, timeout.Token);
                    if (!declareLength)
                    {
                        await stream.WriteAsync("\r\n"u8.ToArray(), timeout.Token);
                    }
                }
                if (!declareLength)
                {
                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), timeout.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The server stopped reading the body: what a refusal looks like from the sending side.
            }
        });

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer arrived; the answer is what counts.
        }
        await sending;

        var text = Encoding.UTF8.GetString(received.ToArray());
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var responseHead = headEnd < 0 ? text : text[..headEnd];
        var statusLine = responseHead.Split("\r\n")[0].Split(' ');
        Assert.True(statusLine.Length >= 2 && int.TryParse(statusLine[1], out _), $"no HTTP answer, received: '{responseHead}'");
        return new RawResponse(int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), responseHead);
    }
}
