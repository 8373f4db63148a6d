using Mart.Market.Data;
using Mart.Market.Domain;

namespace Mart.Market.Services;

/// <summary>What one market data request needs: how to fetch it, store it, and find it again in the database.</summary>
/// <param name="Key">Cache and single-flight key within the provider, e.g. <c>quote:AAPL</c>.</param>
/// <param name="Fetch">Asks the provider; <see langword="null"/> when it has no data.</param>
/// <param name="Save">Stores a fetched value and queues its events; returns how many events.</param>
/// <param name="Fallback">The last stored value, for when the provider cannot answer.</param>
internal sealed record MarketQuery<T>(
    MarketDataKind Kind,
    string Key,
    Func<CancellationToken, Task<T?>> Fetch,
    Func<MarketDataWriter, T, DateTimeOffset, CancellationToken, Task<int>> Save,
    Func<MarketDataReader, CancellationToken, Task<StoredDatum<T>?>> Fallback)
    where T : class;
