namespace Mart.Market.Services;

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
