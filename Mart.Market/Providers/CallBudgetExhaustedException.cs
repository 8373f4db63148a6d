namespace Mart.Market.Providers;

/// <summary>No call slot within the allowed wait (or the queue is full).</summary>
/// <param name="retryAfter">When a slot is expected to be free.</param>
public sealed class CallBudgetExhaustedException(TimeSpan retryAfter)
    : Exception($"The upstream call budget is spent; a call slot is expected in {retryAfter.TotalSeconds:0.#} s.")
{
    /// <summary>When a slot is expected to be free.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
