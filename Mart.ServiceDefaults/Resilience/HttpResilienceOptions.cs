namespace Mart.ServiceDefaults.Resilience;

/// <summary>
/// The standard HTTP pipeline, bound from configuration section <c>Resilience</c>. Defaults match
/// Microsoft.Extensions.Http.Resilience's standard handler.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Resilience";

    /// <summary>Upper bound for the whole call, all attempts and delays included.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of transient failures.</summary>
    public HttpRetryOptions Retry { get; set; } = new();

    /// <summary>Stops calling an endpoint that keeps failing.</summary>
    public HttpCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
