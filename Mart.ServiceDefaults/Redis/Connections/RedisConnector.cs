using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Redis.Connections;

/// <summary>Opens a socket (TLS when configured), then authenticates, names and checks the connection.</summary>
internal static class RedisConnector
{
    public static async Task<RedisConnection> ConnectAsync(
        RedisClientOptions options,
        string purpose,
        string? clientName,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var endpoint = $"{options.Host}:{options.Port}";
        using var deadline = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Stream? stream = null;
        RedisConnection? connection = null;
        try
        {
            stream = await OpenStreamAsync(options, linked.Token).ConfigureAwait(false);
            connection = RedisConnection.Start(stream, endpoint, purpose, options.CommandTimeout, time, logger);
            await HandshakeAsync(connection, options, clientName, logger, linked.Token).ConfigureAwait(false);
            RedisLog.Connected(logger, endpoint, purpose);
            return connection;
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw ex switch
            {
                RedisConnectionException => ex,
                OperationCanceledException or RedisTimeoutException => new RedisConnectionException(
                    $"Connecting to Redis at {endpoint} timed out after {options.ConnectTimeout.TotalMilliseconds:0} ms.", ex),
                _ => new RedisConnectionException($"Cannot connect to Redis at {endpoint}: {ex.Message}", ex),
            };
        }
    }

    private static async Task<Stream> OpenStreamAsync(RedisClientOptions options, CancellationToken cancellationToken)
    {
        // A dual-mode socket reaches both IPv4 and IPv6 addresses a host name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!options.Ssl)
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = options.SslHost ?? options.Host },
                cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task HandshakeAsync(
        RedisConnection connection,
        RedisClientOptions options,
        string? clientName,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        // Everything is sent in one batch; replies are checked in order.
        var timeout = options.ConnectTimeout;
        Task<RedisReply>? auth = null, setName = null, select = null;
        if (options.Password is not null)
        {
            auth = options.User is null
                ? connection.ExecuteAsync("AUTH", [options.Password], timeout, cancellationToken)
                : connection.ExecuteAsync("AUTH", [options.User, options.Password], timeout, cancellationToken);
        }

        if (!string.IsNullOrEmpty(clientName))
        {
            setName = connection.ExecuteAsync("CLIENT", ["SETNAME", SanitizeName(clientName)], timeout, cancellationToken);
        }

        if (options.Database != 0)
        {
            select = connection.ExecuteAsync("SELECT", [options.Database], timeout, cancellationToken);
        }

        var ping = connection.ExecuteAsync("PING", [], timeout, cancellationToken);

        if (auth is not null && await auth.ConfigureAwait(false) is { IsError: true } authError)
        {
            throw new RedisConnectionException($"Redis at {connection.Endpoint} refused the credentials: {authError.AsString()}");
        }

        if (setName is not null && await setName.ConfigureAwait(false) is { IsError: true } nameError)
        {
            // A name only helps diagnostics (CLIENT LIST); an ACL that forbids it must not prevent connecting.
            RedisLog.SetNameRejected(logger, connection.Endpoint, nameError.AsString()!);
        }

        if (select is not null && await select.ConfigureAwait(false) is { IsError: true } selectError)
        {
            throw new RedisConnectionException($"Redis at {connection.Endpoint} cannot select database {options.Database}: {selectError.AsString()}");
        }

        var pong = await ping.ConfigureAwait(false);
        if (pong.IsError)
        {
            var hint = pong.AsString()!.StartsWith("NOAUTH", StringComparison.Ordinal)
                ? " Add password=... to the connection string."
                : string.Empty;
            throw new RedisConnectionException($"Redis at {connection.Endpoint} refused PING: {pong.AsString()}.{hint}");
        }
    }

    // CLIENT SETNAME rejects spaces and control characters.
    private static string SanitizeName(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is > ' ' and <= '~' ? source[i] : '-';
            }
        });
}
