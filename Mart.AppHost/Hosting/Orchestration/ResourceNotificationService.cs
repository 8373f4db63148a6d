using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Mart.Hosting;

/// <summary>Publishes resource snapshots and lets callers wait for a state, like Aspire's service of the same name.</summary>
public sealed class ResourceNotificationService(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];

    /// <summary>Snapshots of every resource, in model order.</summary>
    public IReadOnlyList<ResourceSnapshot> GetSnapshots()
    {
        lock (_gate)
        {
            return _order.Select(name => _snapshots[name]).ToList();
        }
    }

    public ResourceSnapshot GetSnapshot(string resourceName) =>
        _snapshots.TryGetValue(resourceName, out var snapshot)
            ? snapshot
            : throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));

    /// <summary>Every change from now on (and the current state of each resource first).</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>();
        lock (_gate)
        {
            foreach (var name in _order)
            {
                channel.Writer.TryWrite(_snapshots[name]);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, s => s.State == ResourceStates.Running && s.Health == HealthStates.Healthy, cancellationToken);

    public Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, string state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, s => s.State == state, cancellationToken);

    /// <summary>Waits until the resource's snapshot matches; fails at once if the resource failed for good.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(
        string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        GetSnapshot(resourceName);
        await foreach (var snapshot in WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(snapshot.Name, resourceName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (predicate(snapshot))
            {
                return snapshot;
            }

            if (snapshot.IsFatal)
            {
                throw new DistributedApplicationException($"Resource '{resourceName}' failed: {snapshot.Error}");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new OperationCanceledException();
    }

    internal void Register(IResource resource, IReadOnlyList<string> urls)
    {
        var snapshot = new ResourceSnapshot(resource.Name, resource.Type, ResourceStates.Starting, HealthStates.Unknown,
            urls, [], 0, null, null, false, timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (_snapshots.TryAdd(resource.Name, snapshot))
            {
                _order.Add(resource.Name);
            }
        }

        Update(resource.Name, _ => snapshot);
    }

    /// <summary>Applies a change to a resource's snapshot and tells every watcher.</summary>
    internal ResourceSnapshot Update(string resourceName, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        lock (_gate)
        {
            var updated = change(_snapshots[resourceName]) with { ChangedAt = timeProvider.GetUtcNow() };
            _snapshots[resourceName] = updated;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(updated);
            }

            return updated;
        }
    }
}
