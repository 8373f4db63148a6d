using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mart.AppHost.Servers;

/// <summary>
/// A free TCP port on 127.0.0.1 for a local server. The server listens on it itself, with no DCP proxy in front:
/// a stopped server then refuses connections as a real one does (a proxy would accept and hang), and a restarted
/// one comes back on the same port.
/// </summary>
/// <remarks>
/// Ports come from 24000-31999, below the range the system gives outgoing connections (from 32768 on Linux, 49152 on
/// Windows and macOS): the server starts seconds after the port is chosen, and a client connection opened meanwhile
/// could otherwise be given the same port and keep the server from listening. The launch profiles' fixed ports are
/// below the range. A port is handed out once per process, so application models built side by side (tests) differ.
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
