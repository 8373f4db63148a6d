using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/news</c>: company news over a period of at most a year.</summary>
public static class GetNews
{
    private const int DefaultNewsDays = 7;

    public static async Task<Results<Ok<NewsResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
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
            () => MarketProblems.NoData($"The provider has no news for '{ticker}'."));
    }
}
