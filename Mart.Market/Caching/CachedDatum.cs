namespace Mart.Market.Caching;

/// <summary>
/// A cache entry: the provider's answer (or that it had none: <see cref="Found"/> false, so unknown symbols do not cost
/// a call each time) and when it was fetched, which decides freshness.
/// </summary>
public sealed record CachedDatum<T>(T? Value, bool Found, DateTimeOffset FetchedAt)
{
    /// <summary>True while younger than <paramref name="maxAge"/>.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan maxAge) => now - FetchedAt < maxAge;
}
