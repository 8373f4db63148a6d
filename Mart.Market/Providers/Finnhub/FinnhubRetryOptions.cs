using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Providers.Finnhub;

/// <summary>How calls to Finnhub are retried.</summary>
public sealed class FinnhubRetryOptions
{
    /// <summary>Attempts per call, the first included.</summary>
    [Range(1, int.MaxValue)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry when the answer names none; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest wait before a retry. When Finnhub asks (Retry-After) for a longer pause the call gives up at once, so the
    /// request can be answered from the cache instead of hanging.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
