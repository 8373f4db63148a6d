using System.ComponentModel.DataAnnotations;
using Mart.Market.Domain;

namespace Mart.Market.Caching;

/// <summary>How long each kind of market data counts as fresh; bound from <c>Market:Cache</c>.</summary>
public sealed class MarketCacheOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Market:Cache";

    /// <summary>Prepended to every Redis key, so services (or test instances) sharing a Redis never collide.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "market:";

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan QuoteTtl { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ProfileTtl { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan NewsTtl { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ForexTtl { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan CryptoTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long past its time to live an entry is kept, to be served as stale while the provider is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan StaleRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a stale value is served before the provider is asked again, so an outage costs one call per key per this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan StaleRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cache's name (<see cref="KeyPrefix"/> without its colon): its keys and replica channel go under it.</summary>
    public string CacheName => KeyPrefix.TrimEnd(':');

    /// <summary>The time to live of <paramref name="kind"/>.</summary>
    public TimeSpan TtlOf(MarketDataKind kind) => kind switch
    {
        MarketDataKind.Quote => QuoteTtl,
        MarketDataKind.Profile => ProfileTtl,
        MarketDataKind.News => NewsTtl,
        MarketDataKind.Forex => ForexTtl,
        MarketDataKind.Crypto => CryptoTtl,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
