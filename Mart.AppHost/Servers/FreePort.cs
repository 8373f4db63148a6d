using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mart.AppHost.Servers;

/// <summary>A free TCP port on 127.0.0.1 that a local server listens on itself, with no proxy in front: stopped, it
/// refuses connections as a real one does.</summary>
/// <remarks>
/// Ports come from below the system's range for outgoing connections, so a client opened before the server starts
/// cannot take its port; each is handed out once per process.
/// </remarks>
internal static class FreePort
{
    private const int First = 24000;
    private const int Last = 31999;

    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1);
            if (IsFree(port) && HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }

        // The whole range busy: take whatever the system gives.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
