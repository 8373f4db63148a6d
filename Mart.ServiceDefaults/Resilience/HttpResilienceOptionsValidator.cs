using Microsoft.Extensions.Options;

namespace Mart.ServiceDefaults.Resilience;

/// <summary>Rejects bad <c>Resilience</c> settings at start-up rather than on the first outgoing call.</summary>
internal sealed class HttpResilienceOptionsValidator : IValidateOptions<HttpResilienceOptions>
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, HttpResilienceOptions options)
    {
        var failures = new List<string>();
        if (options.TotalRequestTimeout < MinimumTimeout)
        {
            failures.Add($"Resilience:TotalRequestTimeout must be at least {MinimumTimeout}.");
        }

        if (options.AttemptTimeout < MinimumTimeout || options.AttemptTimeout > options.TotalRequestTimeout)
        {
            failures.Add($"Resilience:AttemptTimeout must be between {MinimumTimeout} and TotalRequestTimeout.");
        }

        if (options.Retry.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("Resilience:Retry:MaxRetryAttempts must be between 0 and 10.");
        }

        if (options.Retry.Delay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.Delay)
        {
            failures.Add("Resilience:Retry:Delay must not be negative nor exceed Resilience:Retry:MaxDelay.");
        }

        var breaker = options.CircuitBreaker;
        if (breaker.FailureRatio is <= 0 or > 1)
        {
            failures.Add("Resilience:CircuitBreaker:FailureRatio must be greater than 0 and at most 1.");
        }

        if (breaker.MinimumThroughput < 2)
        {
            failures.Add("Resilience:CircuitBreaker:MinimumThroughput must be at least 2.");
        }

        if (breaker.SamplingDuration < MinimumBreakerWindow || breaker.BreakDuration < MinimumBreakerWindow)
        {
            failures.Add($"Resilience:CircuitBreaker:SamplingDuration and BreakDuration must be at least {MinimumBreakerWindow}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
