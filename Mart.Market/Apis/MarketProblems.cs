using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary>What Market's own refusals say; the shape and status come from the shared <see cref="Problems"/>.</summary>
public static class MarketProblems
{
    public static ProblemHttpResult NoData(string detail) => Problems.NotFound("No market data", detail);

    public static ProblemHttpResult Unavailable(HttpContext context, string reason, int retryAfterSeconds) =>
        Problems.Unavailable(
            context,
            "Market data temporarily unavailable",
            $"{reason} Nothing cached or stored can stand in; retry in {retryAfterSeconds} s.",
            retryAfterSeconds);
}
