using Microsoft.Extensions.Options;

namespace Mart.Market.Providers;

/// <summary>
/// Keeps calls to an upstream within its per-second and per-minute limits as the upstream counts them: a call occupies
/// a sliding window from its grant until a full window after its answer, as the upstream may count it anywhere between.
/// Callers wait their turn in arrival order, up to the bounds of <see cref="CallBudgetOptions"/>.
/// </summary>
public sealed class CallBudget(IOptions<CallBudgetOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // How often a caller looks again while the call holding up its slot is still in flight.
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(20);

    private readonly CallBudgetOptions settings = options.Value;

    // One caller at a time computes and takes its slot; SemaphoreSlim serves async waiters first come, first served.
    private readonly SemaphoreSlim turn = new(1, 1);

    // Guards the call log and the pause: calls end, and 429s arrive, outside the turn.
    private readonly Lock gate = new();
    private readonly List<CallSlot> calls = [];
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
    private int waiting;

    /// <summary>Waits for a call slot and takes it; dispose the slot when the answer has arrived.</summary>
    /// <exception cref="CallBudgetExhaustedException">The queue is full, or the slot would come after <see cref="CallBudgetOptions.MaxQueueWait"/>.</exception>
    public async Task<CallSlot> AcquireAsync(CancellationToken cancellationToken)
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
                // Checked again after every wait: calls end and a 429 may pause the budget meanwhile.
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

                var call = new CallSlot(this, now);
                lock (gate)
                {
                    calls.Add(call);
                }

                return call;
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
        lock (gate)
        {
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }
        }
    }

    internal void End(CallSlot call)
    {
        lock (gate)
        {
            call.EndedAt ??= timeProvider.GetUtcNow();
        }
    }

    private DateTimeOffset NextSlot(DateTimeOffset now)
    {
        var minuteWindow = Minute + settings.WindowMargin;
        var secondWindow = Second + settings.WindowMargin;
        lock (gate)
        {
            calls.RemoveAll(call => call.EndedAt is { } ended && ended + minuteWindow <= now);
            var slot = pausedUntil > now ? pausedUntil : now;
            slot = Later(slot, FreeAt(now, minuteWindow, settings.PerMinute));
            return Later(slot, FreeAt(now, secondWindow, settings.PerSecond));
        }
    }

    // When fewer than `limit` calls occupy the window: enough of the occupying calls must have been released
    // (answered a window ago). A call still in flight has no release time yet: look again shortly.
    private DateTimeOffset FreeAt(DateTimeOffset now, TimeSpan window, int limit)
    {
        var releases = calls
            .Select(call => call.EndedAt is { } ended ? ended + window : DateTimeOffset.MaxValue)
            .Where(release => release > now)
            .Order()
            .ToList();
        if (releases.Count < limit)
        {
            return now;
        }

        var release = releases[releases.Count - limit];
        return release == DateTimeOffset.MaxValue ? now + InFlightPoll : release;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
