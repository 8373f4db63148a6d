using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Market.Services;
using Microsoft.Extensions.Options;
using Polly;

namespace Mart.Market.Providers.Finnhub;

/// <summary>
/// Calls Finnhub within the call budget. Retries 429, 5xx and failed connections here rather than in the standard
/// HTTP pipeline, because every attempt must take a slot of the budget and a 429 must pause every caller.
/// </summary>
public sealed partial class FinnhubClient(
    IHttpClientFactory httpClientFactory,
    CallBudget budget,
    IOptions<FinnhubOptions> options,
    MarketMetrics metrics,
    TimeProvider timeProvider,
    ILogger<FinnhubClient> logger)
{
    /// <summary>Name of the HttpClient (base address and token header configured at registration).</summary>
    public const string HttpClientName = "finnhub";

    /// <summary>The header Finnhub reads the API key from.</summary>
    public const string TokenHeader = "X-Finnhub-Token";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>GETs <paramref name="pathAndQuery"/> (relative to the base URL) and reads the JSON answer.</summary>
    /// <exception cref="UpstreamUnavailableException">No answer could be had: budget spent, Finnhub down or refusing.</exception>
    public async Task<T> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken)
    {
        var retry = options.Value.Retry;
        var endpoint = EndpointOf(pathAndQuery);
        for (var attempt = 1; ; attempt++)
        {
            CallSlot slot;
            try
            {
                slot = await budget.AcquireAsync(cancellationToken);
            }
            catch (CallBudgetExhaustedException ex)
            {
                metrics.UpstreamCall("finnhub", endpoint, "budget_spent");
                throw new UpstreamUnavailableException("The Finnhub call budget is spent for now.", ex.RetryAfter, ex);
            }

            TimeSpan? askedWait;
            string failure;
            using (slot)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
                    using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        metrics.UpstreamCall("finnhub", endpoint, "ok");
                        return await ReadAsync<T>(response, endpoint, cancellationToken);
                    }

                    askedWait = RetryAfterOf(response);
                    failure = $"HTTP {(int)response.StatusCode}";
                    metrics.UpstreamCall("finnhub", endpoint, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        // The limit is per API key: whatever the reason, nobody in this process should call before the wait is over.
                        budget.PauseUntil(timeProvider.GetUtcNow() + (askedWait ?? Backoff(attempt, retry)));
                    }
                    else if (!IsTransient(response.StatusCode))
                    {
                        // 401/403 (key rejected, endpoint not in the plan) and the like: asking again gives the same answer.
                        LogRefused(logger, endpoint, (int)response.StatusCode);
                        throw new UpstreamUnavailableException($"Finnhub refused the request ({failure}).");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException
                                               || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Connection failures, timeouts and an open circuit all mean: not reachable right now.
                    failure = ex.GetType().Name;
                    askedWait = null;
                    metrics.UpstreamCall("finnhub", endpoint, "unreachable");
                }
            }

            var wait = askedWait ?? Backoff(attempt, retry);
            if (attempt >= retry.MaxAttempts || wait > retry.MaxDelay)
            {
                LogGaveUp(logger, endpoint, failure, attempt, wait.TotalSeconds);
                throw new UpstreamUnavailableException($"Finnhub is not answering ({failure}).", wait);
            }

            LogRetrying(logger, endpoint, failure, attempt + 1, wait.TotalMilliseconds);
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new UpstreamUnavailableException($"Finnhub sent an answer to {endpoint} that is not in its documented shape.", null, ex);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    // Exponential with +-20% jitter, so callers that failed together do not come back together.
    private static TimeSpan Backoff(int attempt, FinnhubRetryOptions retry)
    {
        var factor = Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(retry.BaseDelay.TotalMilliseconds * factor);
    }

    // "quote?symbol=AAPL" -> "quote": a low-cardinality name for logs and metrics.
    private static string EndpointOf(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? pathAndQuery : pathAndQuery[..query];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finnhub {Endpoint} failed ({Failure}); attempt {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string endpoint, string failure, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finnhub {Endpoint} failed ({Failure}) after {Attempts} attempt(s); asked to wait {WaitSeconds:0.#} s")]
    private static partial void LogGaveUp(ILogger logger, string endpoint, string failure, int attempts, double waitSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Finnhub refused {Endpoint} with HTTP {Status}: check the API key and the plan")]
    private static partial void LogRefused(ILogger logger, string endpoint, int status);
}
