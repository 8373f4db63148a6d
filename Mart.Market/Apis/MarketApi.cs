using Mart.Market.Data;
using Mart.Market.Domain;
using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary>The market data endpoints under <c>/market</c>.</summary>
public static class MarketApi
{
    private const int DefaultNewsDays = 7;
    private const int MaxCandles = 5000;
    private const int DefaultCandles = 100;

    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        var market = app.MapGroup("/market").WithTags("Market");

        market.MapGet("/quote", GetQuote)
            .WithName("GetQuote")
            .WithSummary("Latest quote of a stock")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        market.MapGet("/quote/history", GetQuoteHistory)
            .WithName("GetQuoteHistory")
            .WithSummary("Stored quotes of a stock over a period");
        market.MapGet("/company", GetCompany)
            .WithName("GetCompany")
            .WithSummary("Company profile")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        market.MapGet("/news", GetNews)
            .WithName("GetNews")
            .WithSummary("Company news for a period of at most a year (default: the last 7 days)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        market.MapGet("/forex", GetForex)
            .WithName("GetForex")
            .WithSummary("Exchange rates from a base currency")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        market.MapGet("/crypto", GetCrypto)
            .WithName("GetCrypto")
            .WithSummary("Candles of a crypto pair")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        market.MapGet("/stream", MarketStream.Open)
            .WithName("OpenMarketStream")
            .WithSummary("Live market events (Server-Sent Events)");
        return app;
    }

    public static async Task<Results<Ok<QuoteResponse>, ValidationProblem, ProblemHttpResult>> GetQuote(
        string? symbol, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetQuoteAsync(ticker, cancellationToken);
        return result.ToHttp(httpContext, QuoteResponse.From, $"The provider has no quote for '{ticker}'.");
    }

    public static async Task<Results<Ok<QuoteHistoryResponse>, ValidationProblem>> GetQuoteHistory(
        string? symbol, string? from, string? to, string? limit, MarketDataReader reader, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        var end = errors.Instant("to", to, dayEnds: true) ?? timeProvider.GetUtcNow();
        var start = errors.Instant("from", from, dayEnds: false) ?? end.AddDays(-1);
        var count = errors.Integer("limit", limit, fallback: 1000, min: 1, max: 5000);
        if (start >= end)
        {
            errors.Add("from", "'from' must be before 'to'.");
        }
        else if (end - start > TimeSpan.FromDays(366))
        {
            errors.Add("to", "The period must not exceed one year.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rows = await reader.QuoteHistoryAsync(ticker, start, end, count, cancellationToken);
        return TypedResults.Ok(new QuoteHistoryResponse(ticker, start, end, [.. rows.Select(QuoteHistoryItem.From)]));
    }

    public static async Task<Results<Ok<CompanyResponse>, ValidationProblem, ProblemHttpResult>> GetCompany(
        string? symbol, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetProfileAsync(ticker, cancellationToken);
        return result.ToHttp(httpContext, CompanyResponse.From, $"The provider has no profile for '{ticker}'.");
    }

    public static async Task<Results<Ok<NewsResponse>, ValidationProblem, ProblemHttpResult>> GetNews(
        string? symbol, string? from, string? to, MarketDataService market, TimeProvider timeProvider, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var last = errors.Day("to", to) ?? today;
        var first = errors.Day("from", from) ?? last.AddDays(1 - DefaultNewsDays);
        if (first > last)
        {
            errors.Add("from", "'from' must not be after 'to'.");
        }
        else if (last > first.AddYears(1))
        {
            errors.Add("to", "The period must not exceed one year.");
        }

        // A day ahead is allowed: it is already tomorrow in part of the world.
        if (last > today.AddDays(1))
        {
            errors.Add("to", "'to' must not be in the future.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetNewsAsync(ticker, first, last, cancellationToken);
        return result.ToHttp(
            httpContext,
            (articles, asOf) => new NewsResponse(ticker, first, last, asOf, [.. articles.Select(NewsArticleResponse.From)]),
            $"The provider has no news for '{ticker}'.");
    }

    public static async Task<Results<Ok<ForexResponse>, ValidationProblem, ProblemHttpResult>> GetForex(
        string? @base, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var currency = errors.Currency("base", @base, fallback: "USD");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetForexAsync(currency, cancellationToken);
        return result.ToHttp(httpContext, ForexResponse.From, $"The provider has no rates from '{currency}'.");
    }

    public static async Task<Results<Ok<CryptoResponse>, ValidationProblem, ProblemHttpResult>> GetCrypto(
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
            $"The provider has no candles for '{pair}'.");
    }
}
