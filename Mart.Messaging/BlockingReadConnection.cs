using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>
/// A consumer's own connection for its blocking XREADGROUP. StackExchange.Redis pipelines every caller over one
/// socket, so a BLOCK there would hold up every other command of the service for as long as it waits; here it holds
/// up nothing else. Its timeout is longer than the longest block, which would otherwise fail as a timeout.
/// </summary>
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

    /// <summary>
    /// Closes at once, abandoning a read still blocked on the server: letting it finish would hold the service's
    /// shutdown for up to a whole block, per consumer, and the orchestrator stops waiting after a few seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.CloseAsync(allowCommandsToComplete: false);
            await connection.DisposeAsync();
        }
    }
}
