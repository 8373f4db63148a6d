using System.Net;
using System.Net.Sockets;

namespace Mart.AppHost.Servers;

/// <summary>
/// A free TCP port on 127.0.0.1 for a local server. The server listens on it itself, with no DCP proxy in front:
/// a stopped server then refuses connections as a real one does (a proxy would accept and hang), and a restarted
/// one comes back on the same port.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
