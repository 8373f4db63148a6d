using System.Globalization;
using Mart.Market.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary>Turns a <see cref="MarketResult{T}"/> into the HTTP answer: 200, 404 or 503, always with <c>X-Cache</c>.</summary>
internal static class MarketResultHttp
{
    public const string CacheHeader = "X-Cache";

    public static Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult> ToHttp<T, TResponse>(
        this MarketResult<T> result, HttpContext httpContext, Func<T, DateTimeOffset, TResponse> map, string notFound)
        where T : class
    {
        var headers = httpContext.Response.Headers;
        headers[CacheHeader] = result.Cache switch
        {
            CacheStatus.Hit => "hit",
            CacheStatus.Stale => "stale",
            _ => "miss",
        };

        switch (result.Outcome)
        {
            case MarketOutcome.Found:
                return TypedResults.Ok(map(result.Value!, result.AsOf));
            case MarketOutcome.NotFound:
                return TypedResults.Problem(title: "No market data", detail: notFound, statusCode: StatusCodes.Status404NotFound);
            default:
                var retryAfter = Math.Max(1, (int)Math.Ceiling((result.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
                headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    title: "Market data temporarily unavailable",
                    detail: $"{result.Reason} Nothing cached or stored can stand in; retry in {retryAfter} s.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
