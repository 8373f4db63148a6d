using StackExchange.Redis;

namespace Mart.AppHost.Events;

/// <summary>
/// The AppHost's own connection to the model's Redis, shared by every stream resource and command. It is opened
/// once Redis is healthy (its port and password are known only then) and reconnects by itself when Redis restarts.
/// </summary>
internal sealed class EventStreamConnection(IResourceWithConnectionString redis) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public IResourceWithConnectionString Redis { get; } = redis;

    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_multiplexer is { } connected)
        {
            return connected.GetDatabase();
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var connectionString = await Redis.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"'{Redis.Name}' has no connection string yet.");
                var options = ConfigurationOptions.Parse(connectionString);
                options.ClientName = "mart-apphost";

                // A Redis that is restarting must not make the AppHost give up on it: keep retrying in the background.
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 5_000;
                options.SyncTimeout = 5_000;
                options.AsyncTimeout = 5_000;
                _multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            }

            return _multiplexer.GetDatabase();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
