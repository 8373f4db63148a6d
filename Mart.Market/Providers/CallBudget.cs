using Microsoft.Extensions.Options;

namespace Mart.Market.Providers;

/// <summary>
/// Keeps calls to an upstream within its limits: at most <see cref="CallBudgetOptions.PerSecond"/> calls in any
/// one-second window and <see cref="CallBudgetOptions.PerMinute"/> in any one-minute window. The windows slide (a log
/// of recent calls), so there is no burst at the edge of a fixed window that the upstream could count as excess.
/// Callers wait their turn in arrival order, up to a bound; see <see cref="CallBudgetOptions"/>.
/// </summary>
public sealed class CallBudget(IOptions<CallBudgetOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly CallBudgetOptions settings = options.Value;

    // One caller at a time computes and takes its slot; SemaphoreSlim serves async waiters first come, first served.
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly List<DateTimeOffset> granted = [];
    private readonly Lock pauseGate = new();
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
    private int waiting;

    /// <summary>Waits for a call slot and takes it.</summary>
    /// <exception cref="CallBudgetExhaustedException">The queue is full, or the slot would come after <see cref="CallBudgetOptions.MaxQueueWait"/>.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref waiting) > settings.QueueLimit)
        {
            Interlocked.Decrement(ref waiting);
            throw new CallBudgetExhaustedException(settings.MaxQueueWait);
        }

        try
        {
            var deadline = timeProvider.GetUtcNow() + settings.MaxQueueWait;
            if (!await turn.WaitAsync(settings.MaxQueueWait, cancellationToken))
            {
                throw new CallBudgetExhaustedException(settings.MaxQueueWait);
            }

            try
            {
                // Checked again after every wait: a 429 elsewhere may have paused the budget meanwhile.
                var now = timeProvider.GetUtcNow();
                for (var slot = NextSlot(now); slot > now; slot = NextSlot(now))
                {
                    if (slot > deadline)
                    {
                        throw new CallBudgetExhaustedException(slot - now);
                    }

                    await Task.Delay(slot - now, timeProvider, cancellationToken);
                    now = timeProvider.GetUtcNow();
                }

                granted.Add(now);
            }
            finally
            {
                turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    /// <summary>Holds every call until <paramref name="until"/>, e.g. when the upstream answered 429 with Retry-After.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (pauseGate)
        {
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }
        }
    }

    // Only called while holding the turn, so the log needs no lock of its own.
    private DateTimeOffset NextSlot(DateTimeOffset now)
    {
        var minuteWindow = Minute + settings.WindowMargin;
        var secondWindow = Second + settings.WindowMargin;
        var expired = granted.FindIndex(time => time > now - minuteWindow);
        granted.RemoveRange(0, expired < 0 ? granted.Count : expired);

        DateTimeOffset slot;
        lock (pauseGate)
        {
            slot = pausedUntil > now ? pausedUntil : now;
        }

        // The n-th most recent call leaves the window at its time plus the window: then the next call fits.
        if (granted.Count >= settings.PerMinute)
        {
            slot = Later(slot, granted[^settings.PerMinute] + minuteWindow);
        }

        if (granted.Count >= settings.PerSecond)
        {
            slot = Later(slot, granted[^settings.PerSecond] + secondWindow);
        }

        return slot;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
