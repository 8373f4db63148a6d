using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/forex</c>: exchange rates from a base currency.</summary>
public static class GetForex
{
    public static async Task<Results<Ok<ForexResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? @base, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var currency = errors.Currency("base", @base, fallback: "USD");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetForexAsync(currency, cancellationToken);
        return result.ToHttp(httpContext, ForexResponse.From, () => MarketProblems.NoData($"The provider has no rates from '{currency}'."));
    }
}
