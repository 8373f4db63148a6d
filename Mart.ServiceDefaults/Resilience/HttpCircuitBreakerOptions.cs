namespace Mart.ServiceDefaults.Resilience;

/// <summary>Circuit breaker per endpoint (scheme, host and port of the logical URI).</summary>
public sealed class HttpCircuitBreakerOptions
{
    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 100;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls fail fast once the circuit opened.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
