using Mart.Market.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary>Turns a <see cref="MarketResult{T}"/> into the HTTP answer: 200, 404 or 503, always with <c>X-Cache</c>.</summary>
internal static class MarketResultHttp
{
    public const string CacheHeader = "X-Cache";

    public static Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult> ToHttp<T, TResponse>(
        this MarketResult<T> result, HttpContext httpContext, Func<T, DateTimeOffset, TResponse> map, Func<ProblemHttpResult> notFound)
        where T : class
    {
        httpContext.Response.Headers[CacheHeader] = result.Cache switch
        {
            CacheStatus.Hit => "hit",
            CacheStatus.Stale => "stale",
            _ => "miss",
        };

        return result.Outcome switch
        {
            MarketOutcome.Found => TypedResults.Ok(map(result.Value!, result.AsOf)),
            MarketOutcome.NotFound => notFound(),
            _ => MarketProblems.Unavailable(
                httpContext,
                result.Reason ?? string.Empty,
                Math.Max(1, (int)Math.Ceiling((result.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds))),
        };
    }
}
