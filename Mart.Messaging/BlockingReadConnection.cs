using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>A consumer's own connection for its blocking XREADGROUP: on the shared multiplexer a BLOCK would hold up
/// every other command of the service.</summary>
/// <remarks>Its timeout exceeds the longest block, which would otherwise fail as a timeout.</remarks>
internal sealed class BlockingReadConnection(ConfigurationOptions shared, string clientName, TimeSpan longestBlock) : IAsyncDisposable
{
    private static readonly TimeSpan TimeoutMargin = TimeSpan.FromSeconds(5);

    private ConnectionMultiplexer? connection;

    /// <summary>The database of the connection, connected on first use; it reconnects by itself after an outage.</summary>
    public async Task<IDatabaseAsync> GetDatabaseAsync()
    {
        if (connection is null)
        {
            var options = shared.Clone();
            options.ClientName = clientName;
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.AsyncTimeout = (int)(longestBlock + TimeoutMargin).TotalMilliseconds;
            connection = await ConnectionMultiplexer.ConnectAsync(options);
        }

        return connection.GetDatabase();
    }

    /// <summary>Closes at once, abandoning a blocked read: waiting for it would outlast the orchestrator's stop
    /// timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.CloseAsync(allowCommandsToComplete: false);
            await connection.DisposeAsync();
        }
    }
}
