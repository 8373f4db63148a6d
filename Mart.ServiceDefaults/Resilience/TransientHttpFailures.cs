using System.Net;
using Polly;
using Polly.Timeout;

namespace Mart.ServiceDefaults.Resilience;

/// <summary>Which outcomes are worth another attempt, and which requests may be sent again.</summary>
internal static class TransientHttpFailures
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Network failures, attempt timeouts, 408, 429 and 5xx.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// RFC 9110 idempotent methods, or an explicit opt-in; any request when the connection failed before it was sent.
    /// </summary>
    public static bool MaySendAgain(HttpRequestMessage request, Outcome<HttpResponseMessage> outcome)
    {
        if (request.Options.TryGetValue(HttpResilience.AllowRetries, out var allowed))
        {
            return allowed;
        }

        if (IsIdempotent(request.Method) || request.Headers.Contains(IdempotencyKeyHeader))
        {
            return true;
        }

        return outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        };
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Trace || method == HttpMethod.Put || method == HttpMethod.Delete;
}
