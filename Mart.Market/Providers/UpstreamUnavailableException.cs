namespace Mart.Market.Providers;

/// <summary>The provider cannot answer now: it is down, it refused the call, or the call budget is spent.</summary>
/// <param name="retryAfter">When asking again makes sense, if known.</param>
public sealed class UpstreamUnavailableException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>When asking again makes sense, if known.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
