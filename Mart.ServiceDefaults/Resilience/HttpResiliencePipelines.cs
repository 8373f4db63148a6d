using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Mart.ServiceDefaults.Resilience;

/// <summary>
/// One pipeline per endpoint (scheme, host, port), outermost first: total timeout, retry, circuit breaker, attempt
/// timeout. Pipelines outlive the message handlers (which the client factory recycles), so breaker state persists,
/// and one failing service does not open the circuit for the others.
/// </summary>
internal sealed partial class HttpResiliencePipelines(
    IOptionsMonitor<HttpResilienceOptions> options,
    TimeProvider timeProvider,
    ILogger<HttpResiliencePipelines> logger) : IDisposable
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Mart.Resilience.Request");

    private readonly ResiliencePipelineRegistry<string> registry = new();

    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request)
    {
        var endpoint = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : string.Empty;
        return registry.GetOrAddPipeline<HttpResponseMessage>(endpoint, builder => Configure(builder, endpoint, options.CurrentValue));
    }

    public void Dispose() => registry.Dispose();

    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, string endpoint, HttpResilienceOptions settings)
    {
        builder.TimeProvider = timeProvider;
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "TotalRequestTimeout", Timeout = settings.TotalRequestTimeout });

        // Polly rejects zero retries; zero simply means no retry strategy.
        if (settings.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.Retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.Retry.Delay,
                MaxDelay = settings.Retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, settings.Retry)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    LogRetry(args.Context, args.Outcome, args.AttemptNumber + 2, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = settings.CircuitBreaker.FailureRatio,
                MinimumThroughput = settings.CircuitBreaker.MinimumThroughput,
                SamplingDuration = settings.CircuitBreaker.SamplingDuration,
                BreakDuration = settings.CircuitBreaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(TransientHttpFailures.IsTransient(args.Outcome)),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, endpoint, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger, endpoint);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = settings.AttemptTimeout });
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, HttpRetryOptions retry)
    {
        if (!TransientHttpFailures.IsTransient(outcome)
            || !context.Properties.TryGetValue(RequestKey, out var request)
            || !TransientHttpFailures.MaySendAgain(request, outcome))
        {
            return false;
        }

        // A server that asks for a longer pause than we are willing to wait gets its answer passed on instead.
        return RetryAfter.From(outcome.Result, timeProvider) is not { } wait || wait <= retry.MaxDelay;
    }

    private void LogRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome, int nextAttempt, TimeSpan delay)
    {
        context.Properties.TryGetValue(RequestKey, out var request);
        var failure = outcome.Exception?.GetType().Name ?? ((int?)outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogRetrying(logger, request?.Method.Method, request?.RequestUri, failure, nextAttempt, delay.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP {Method} {Uri} failed ({Failure}); attempt {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string? method, Uri? uri, string? failure, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit to {Endpoint} opened for {BreakDuration}: calls fail fast")]
    private static partial void LogCircuitOpened(ILogger logger, string endpoint, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit to {Endpoint} closed")]
    private static partial void LogCircuitClosed(ILogger logger, string endpoint);
}
