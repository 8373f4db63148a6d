namespace Mart.ServiceDefaults.Caching;

/// <summary>
/// Cache-aside over Redis. Values are stored as JSON with a time to live; a key must always be used with the same
/// value type. When Redis is unreachable every read is a miss and the loader runs: the cache never fails a request.
/// </summary>
public interface IMartCache
{
    /// <summary>
    /// The cached value of <paramref name="key"/>, or the result of <paramref name="load"/>, which is then cached for
    /// <paramref name="timeToLive"/>. Concurrent misses for one key in this process share a single call of
    /// <paramref name="load"/>; it is cancelled only when every caller waiting for it has cancelled.
    /// </summary>
    Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for <paramref name="timeToLive"/> (e.g. data just fetched).</summary>
    Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/> so the next read loads afresh.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}
