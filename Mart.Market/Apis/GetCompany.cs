using Mart.Market.Services;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/company</c>: a company profile.</summary>
public static class GetCompany
{
    public static async Task<Results<Ok<CompanyResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? symbol, MarketDataService market, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await market.GetProfileAsync(ticker, cancellationToken);
        return result.ToHttp(httpContext, CompanyResponse.From, () => MarketProblems.NoData($"The provider has no profile for '{ticker}'."));
    }
}
