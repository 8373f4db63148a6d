namespace Mart.Market.Caching;

/// <summary>
/// What the cache holds: the provider's answer (<see langword="null"/> when it had none, so unknown symbols do not cost a
/// call each time) and when it was fetched, which says how fresh a served value is.
/// </summary>
public sealed record CachedDatum<T>(T? Value, DateTimeOffset FetchedAt)
    where T : class;
