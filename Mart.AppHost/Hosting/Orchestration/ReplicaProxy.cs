using System.Net;
using System.Net.Sockets;

namespace Mart.Hosting.Orchestration;

/// <summary>
/// One endpoint in front of a project's replicas: accepts on the resource's port and hands each connection to the
/// next replica in turn, skipping replicas that refuse.
/// </summary>
internal sealed class ReplicaProxy(int port, IReadOnlyList<int> replicaPorts) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, port);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _accepting;
    private int _next;

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptLoopAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            using var upstream = await ConnectToReplicaAsync(cancellationToken).ConfigureAwait(false);
            if (upstream is null)
            {
                return;
            }

            var downstream = client.GetStream();
            var toReplica = downstream.CopyToAsync(upstream.GetStream(), cancellationToken);
            var toClient = upstream.GetStream().CopyToAsync(downstream, cancellationToken);
            try
            {
                await Task.WhenAny(toReplica, toClient).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A side closed or reset: both sockets are disposed below.
            }
        }
    }

    private async Task<TcpClient?> ConnectToReplicaAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < replicaPorts.Count; attempt++)
        {
            var target = replicaPorts[(int)((uint)Interlocked.Increment(ref _next) % replicaPorts.Count)];
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target, cancellationToken).ConfigureAwait(false);
                return upstream;
            }
            catch (SocketException)
            {
                upstream.Dispose();
            }
        }

        return null;
    }
}
