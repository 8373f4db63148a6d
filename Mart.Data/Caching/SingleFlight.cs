namespace Mart.Data.Caching;

/// <summary>
/// Coalesces concurrent calls for the same key into one run of the work: the first caller starts it, later
/// callers wait for the same result. The run is cancelled only when every waiter has given up, so one impatient
/// caller cannot fail the others.
/// </summary>
public sealed class SingleFlight
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Key, Type Type), Flight> flights = [];

    /// <summary>How many keys have work running now.</summary>
    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return flights.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> for <paramref name="key"/> unless a run for it is already in progress, and returns that run's result.</summary>
    public async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();

        var slot = (key, typeof(T));
        Flight flight;
        var leader = false;
        lock (gate)
        {
            if (!flights.TryGetValue(slot, out flight!))
            {
                var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                flight = new Flight(source, source.Task);
                flights[slot] = flight;
                leader = true;
            }

            flight.Waiters++;
        }

        if (leader)
        {
            _ = LeadAsync(slot, flight, work);
        }

        try
        {
            return await ((Task<T>)flight.Task).WaitAsync(cancellationToken);
        }
        finally
        {
            Leave(slot, flight);
        }
    }

    private async Task LeadAsync<T>((string Key, Type Type) slot, Flight flight, Func<CancellationToken, Task<T>> work)
    {
        var completion = (TaskCompletionSource<T>)flight.Source;
        T result = default!;
        Exception? failure = null;
        try
        {
            result = await work(flight.Cancellation.Token);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // Detach before completing: a caller arriving after this starts a fresh run instead of
        // joining one whose (possibly failed) result is already decided.
        Detach(slot, flight);
        if (failure is OperationCanceledException && flight.Cancellation.IsCancellationRequested)
        {
            completion.TrySetCanceled(flight.Cancellation.Token);
        }
        else if (failure is not null)
        {
            completion.TrySetException(failure);
        }
        else
        {
            completion.TrySetResult(result);
        }
    }

    private void Leave((string Key, Type Type) slot, Flight flight)
    {
        bool abandon;
        lock (gate)
        {
            abandon = --flight.Waiters == 0 && !flight.Task.IsCompleted;
            if (abandon && flights.TryGetValue(slot, out var current) && current == flight)
            {
                flights.Remove(slot);
            }
        }

        // Outside the lock: cancellation callbacks run inline and may continue the work.
        if (abandon)
        {
            flight.Cancellation.Cancel();
        }
    }

    private void Detach((string Key, Type Type) slot, Flight flight)
    {
        lock (gate)
        {
            if (flights.TryGetValue(slot, out var current) && current == flight)
            {
                flights.Remove(slot);
            }
        }
    }

    // Source is a TaskCompletionSource<T> of the caller's T; Task is its task, for checks that need no T.
    private sealed class Flight(object source, Task task)
    {
        public object Source { get; } = source;

        public Task Task { get; } = task;

        public CancellationTokenSource Cancellation { get; } = new();

        public int Waiters { get; set; }
    }
}
