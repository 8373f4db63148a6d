namespace Mart.Market.Apis;

/// <summary>The market data endpoints under <c>/market</c>.</summary>
public static class MarketApi
{
    public static RouteGroupBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        // Public market data, open to anyone (the gateway limits how often).
        var market = app.MapGroup("/market").WithTags("Market").AllowAnonymous();

        market.MapGet("/quote", GetQuote.HandleAsync)
            .WithName("GetQuote")
            .WithSummary("Latest quote of a stock")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        market.MapGet("/quote/history", GetQuoteHistory.HandleAsync)
            .WithName("GetQuoteHistory")
            .WithSummary("Stored quotes of a stock over a period");

        market.MapGet("/company", GetCompany.HandleAsync)
            .WithName("GetCompany")
            .WithSummary("Company profile")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        market.MapGet("/news", GetNews.HandleAsync)
            .WithName("GetNews")
            .WithSummary("Company news for a period of at most a year (default: the last 7 days)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        market.MapGet("/forex", GetForex.HandleAsync)
            .WithName("GetForex")
            .WithSummary("Exchange rates from a base currency")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        market.MapGet("/crypto", GetCrypto.HandleAsync)
            .WithName("GetCrypto")
            .WithSummary("Candles of a crypto pair")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        market.MapGet("/stream", OpenMarketStream.Handle)
            .WithName("OpenMarketStream")
            .WithSummary("Live market events (Server-Sent Events)");

        return market;
    }
}
