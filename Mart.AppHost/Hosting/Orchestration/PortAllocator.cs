using System.Net;
using System.Net.Sockets;

namespace Mart.Hosting.Orchestration;

/// <summary>Gives endpoints their ports: the stable default, checked to be free, or a random free one.</summary>
internal static class PortAllocator
{
    /// <summary>
    /// A free port below the kernel's ephemeral range. A port the kernel hands out for "any port" comes from the
    /// range it also uses for outgoing connections, so between allocation and the child's bind, a client socket
    /// (a database connection, a health probe) could take it; ports below that range are only ever taken on purpose.
    /// </summary>
    public static int GetFreePort()
    {
        var (low, high) = AllocationRange();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new DistributedApplicationException($"No free port found between {low} and {high}.");
    }

    private static (int Low, int High) AllocationRange()
    {
        const int floor = 20000;
        try
        {
            var ephemeral = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLow = int.Parse(ephemeral[0], System.Globalization.CultureInfo.InvariantCulture);
            if (ephemeralLow - floor >= 1000)
            {
                return (floor, ephemeralLow);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or an unusual layout: fall back to the common default below 32768.
        }

        return (floor, 32768);
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
