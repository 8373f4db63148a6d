namespace Mart.Market.Services;

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
