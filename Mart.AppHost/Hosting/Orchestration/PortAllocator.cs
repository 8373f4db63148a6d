using System.Net;
using System.Net.Sockets;

namespace Mart.Hosting.Orchestration;

/// <summary>Gives endpoints their ports: the stable default, checked to be free, or a random free one.</summary>
internal static class PortAllocator
{
    public static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int Claim(EndpointReference endpoint, bool randomize)
    {
        if (randomize || endpoint.PreferredPort is null)
        {
            return GetFreePort();
        }

        var port = endpoint.PreferredPort.Value;
        if (!IsFree(port))
        {
            throw new DistributedApplicationException(
                $"Port {port}, the '{endpoint.Name}' endpoint of '{endpoint.Owner.Name}', is already in use. " +
                $"Stop whatever holds it (see 'ss -ltnp sport = :{port}'), or run with --AppHost:RandomizePorts=true.");
        }

        return port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
