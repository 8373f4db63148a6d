using System.Diagnostics.Metrics;
using Mart.Market.Domain;

namespace Mart.Market.Services;

/// <summary>Market's own instruments (meter <c>Mart.Market</c>, which the service defaults export).</summary>
public sealed class MarketMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Mart.Market";

    private readonly Counter<long> served;
    private readonly Counter<long> upstreamCalls;

    public MarketMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        served = meter.CreateCounter<long>("mart.market.requests", description: "Market data requests by kind, outcome and cache status.");
        upstreamCalls = meter.CreateCounter<long>("mart.market.upstream.calls", description: "Calls to the market data provider by endpoint and result.");
    }

    public void Served(MarketDataKind kind, MarketOutcome outcome, CacheStatus cache) =>
        served.Add(1, new("kind", kind.ToString()), new("outcome", outcome.ToString()), new("cache", cache.ToString()));

    public void UpstreamCall(string provider, string endpoint, string result) =>
        upstreamCalls.Add(1, new("provider", provider), new("endpoint", endpoint), new("result", result));
}
