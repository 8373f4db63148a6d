namespace Mart.Payments.Charging;

/// <summary>
/// Wakes one idle worker when charges or refunds may be due; a worker that finds more due than it took wakes the next
/// (see <see cref="PaymentWorker"/>), so a burst spreads over the workers while a single due payment costs one look,
/// not one per worker. A wake given while every worker is busy is kept, so one that arrives during a look is not lost.
/// </summary>
public sealed class PaymentsDueSignal(TimeProvider timeProvider)
{
    // At most one kept wake: more than one would only send idle workers to look for the same work.
    private readonly SemaphoreSlim wakes = new(0, 1);

    public void Notify()
    {
        try
        {
            wakes.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is already waiting to be taken.
        }
    }

    /// <summary>Waits for a wake or for <paramref name="timeout"/>; <see langword="true"/> when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        wakes.WaitAsync(timeout, cancellationToken);

    /// <summary>Notifies once <paramref name="delay"/> has passed (a retry falling due).</summary>
    public void NotifyAfter(TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, timeProvider, cancellationToken).ContinueWith(
            static (delayed, signal) =>
            {
                if (delayed.IsCompletedSuccessfully)
                {
                    ((PaymentsDueSignal)signal!).Notify();
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
