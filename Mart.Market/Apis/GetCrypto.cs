using Mart.Market.Domain;
using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/crypto</c>: candles of a crypto pair.</summary>
public static class GetCrypto
{
    private const int MaxCandles = 5000;
    private const int DefaultCandles = 100;

    public static async Task<Results<Ok<CryptoResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? symbol, string? resolution, string? from, string? to, MarketDataService market, TimeProvider timeProvider,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pair = errors.CryptoSymbol("symbol", symbol);
        var candleLength = errors.Resolution("resolution", resolution);
        var now = timeProvider.GetUtcNow();

        // Whole minutes, so requests without 'to' share a cache entry for a minute rather than one per second.
        var end = errors.UnixSeconds("to", to) ?? DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var start = errors.UnixSeconds("from", from) ?? end - (CandleResolution.Length(candleLength) * DefaultCandles);
        if (start >= end)
        {
            errors.Add("from", "'from' must be before 'to'.");
        }
        else if ((end - start) / CandleResolution.Length(candleLength) > MaxCandles)
        {
            errors.Add("from", $"The period holds more than {MaxCandles} candles at resolution {candleLength}; shorten it or use a longer resolution.");
        }

        if (end > now.AddDays(1))
        {
            errors.Add("to", "'to' must not be in the future.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetCryptoCandlesAsync(pair, candleLength, start, end, cancellationToken);
        return result.ToHttp(
            httpContext,
            (candles, asOf) => new CryptoResponse(
                pair, candleLength, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds(), asOf, [.. candles.Select(CandleResponse.From)]),
            () => MarketProblems.NoData($"The provider has no candles for '{pair}'."));
    }
}
