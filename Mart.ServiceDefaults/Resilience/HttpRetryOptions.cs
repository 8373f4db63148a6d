namespace Mart.ServiceDefaults.Resilience;

/// <summary>Retry with exponential backoff and jitter.</summary>
public sealed class HttpRetryOptions
{
    /// <summary>Retries after the first attempt (0 turns retries off).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; doubles with each retry.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wait before a retry. A server asking (Retry-After) for a longer wait gets no retry: the caller
    /// receives its answer instead of a retry that comes too early.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
