using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mart.Tests.Browser;

/// <summary>
/// What a native app listens with during sign-in (RFC 8252 §7.3): a socket on 127.0.0.1 at a port of its own, which
/// answers the browser's one redirect and hands the app the query it carried.
/// </summary>
public sealed class LoopbackCallback : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public LoopbackCallback()
    {
        listener.Start();
        RedirectUri = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/callback";
    }

    public string RedirectUri { get; }

    /// <summary>Waits for <c>GET /callback?...</c> and answers the URL it asked for.</summary>
    public async Task<Uri> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);

            // A browser may open a connection it never uses; only a request for the callback ends the wait.
            var requestLine = await reader.ReadLineAsync(cancellationToken);
            var parts = requestLine?.Split(' ');
            if (parts is not ["GET", var target, _] || !target.StartsWith("/callback", StringComparison.Ordinal))
            {
                continue;
            }

            var body = "Signed in; you can close this window."u8.ToArray();
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, cancellationToken);
            await stream.WriteAsync(body, cancellationToken);
            return new Uri(new Uri(RedirectUri), target);
        }
    }

    public void Dispose() => listener.Dispose();
}
