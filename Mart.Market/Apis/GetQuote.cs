using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/quote</c>: the latest quote of a stock.</summary>
public static class GetQuote
{
    public static async Task<Results<Ok<QuoteResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? symbol, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetQuoteAsync(ticker, cancellationToken);
        return result.ToHttp(httpContext, QuoteResponse.From, () => MarketProblems.NoData($"The provider has no quote for '{ticker}'."));
    }
}
