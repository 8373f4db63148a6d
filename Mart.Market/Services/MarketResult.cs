namespace Mart.Market.Services;

/// <summary>Whether the request could be answered.</summary>
public enum MarketOutcome
{
    /// <summary>A value is served.</summary>
    Found,

    /// <summary>The provider has no data for the request (unknown symbol, base currency...).</summary>
    NotFound,

    /// <summary>The provider cannot answer and nothing is stored to fall back on.</summary>
    Unavailable,
}

/// <summary>Where a served value came from; sent as <c>X-Cache</c>.</summary>
public enum CacheStatus
{
    /// <summary>A fresh cache entry.</summary>
    Hit,

    /// <summary>Fetched from the provider for this request (or for a concurrent one it waited for).</summary>
    Miss,

    /// <summary>The provider could not answer: the last cached or stored value, older than its time to live.</summary>
    Stale,
}

/// <summary>The answer to a market data request.</summary>
/// <param name="AsOf">When the value was fetched from its provider.</param>
/// <param name="RetryAfter">For <see cref="MarketOutcome.Unavailable"/>: when asking again makes sense.</param>
/// <param name="Reason">For <see cref="MarketOutcome.Unavailable"/>: why, in words fit for a client.</param>
public sealed record MarketResult<T>(MarketOutcome Outcome, T? Value, CacheStatus Cache, DateTimeOffset AsOf, TimeSpan? RetryAfter = null, string? Reason = null)
    where T : class
{
    public static MarketResult<T> Found(T value, CacheStatus cache, DateTimeOffset asOf) => new(MarketOutcome.Found, value, cache, asOf);

    public static MarketResult<T> NotFound(CacheStatus cache, DateTimeOffset asOf) => new(MarketOutcome.NotFound, null, cache, asOf);

    public static MarketResult<T> Unavailable(TimeSpan retryAfter, string reason) =>
        new(MarketOutcome.Unavailable, null, CacheStatus.Miss, default, retryAfter, reason);
}
