using StackExchange.Redis;

namespace Mart.Hosting.Dashboard.Events;

/// <summary>
/// The dashboard's own connection to the model's Redis, opened the first time the Events page asks once the
/// resource runs (its port and password are known only then). The client reconnects by itself after a restart.
/// </summary>
internal sealed class EventStreamConnection(IReadOnlyList<IResource> model, ResourceNotificationService notifications)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _client;

    /// <summary>The Redis resource whose streams are shown (the first in the model).</summary>
    public RedisResource? Resource { get; } = model.OfType<RedisResource>().FirstOrDefault();

    /// <summary>The client, or why there is none yet.</summary>
    public async Task<(IDatabaseAsync? Client, string? Unavailable)> GetAsync(CancellationToken cancellationToken)
    {
        if (Resource is null)
        {
            return (null, "The application model has no Redis resource.");
        }

        if (_client is not null)
        {
            return (_client.GetDatabase(), null);
        }

        var snapshot = notifications.GetSnapshots().FirstOrDefault(s => s.Name == Resource.Name);
        if (snapshot is not { State: ResourceStates.Running })
        {
            return (null, $"'{Resource.Name}' is {snapshot?.State ?? "not started"}.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is null)
            {
                var options = ConfigurationOptions.Parse((await Resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false))!);
                options.ClientName = "mart-dashboard";
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;
                _client = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            }

            return (_client.GetDatabase(), null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
