namespace Mart.Messaging;

/// <summary>Capped exponential backoff with jitter, so that replicas that failed together do not retry in
/// lockstep.</summary>
public sealed record RetryBackoff
{
    /// <summary>Creates a policy.</summary>
    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, double jitter = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1.0);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        Jitter = jitter;
    }

    /// <summary>Delay after the first failure.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Upper bound of every delay.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Relative spread around the exponential delay, 0 to 1.</summary>
    public double Jitter { get; }

    /// <summary>The delay after failure <paramref name="failures"/>, with <paramref name="sample"/> in [0, 1) choosing the jitter.</summary>
    public TimeSpan DelayAfter(int failures, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, 1.0);

        // Beyond 2^30 every realistic base delay is past any cap; stopping there avoids overflow.
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jittered = capped * (1 - Jitter + (2 * Jitter * sample));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    /// <summary>The delay after failure <paramref name="failures"/> with random jitter.</summary>
    public TimeSpan DelayAfter(int failures) => DelayAfter(failures, Random.Shared.NextDouble());
}
