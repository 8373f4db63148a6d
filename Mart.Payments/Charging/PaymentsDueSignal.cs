namespace Mart.Payments.Charging;

/// <summary>
/// Wakes every idle worker when charges or refunds may be due. A waiter takes <see cref="Next"/> before it looks
/// for work, so a notification that arrives while it looks is not lost.
/// </summary>
public sealed class PaymentsDueSignal(TimeProvider timeProvider)
{
    private TaskCompletionSource next = New();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, New()).TrySetResult();

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

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
