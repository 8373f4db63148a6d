using System.ComponentModel.DataAnnotations;

namespace Mart.Payments.Gateway;

/// <summary>Rules of the simulated gateway, bound from <c>Payments:Gateway</c>.</summary>
public sealed class SimulatedGatewayOptions
{
    public const string SectionName = "Payments:Gateway";

    /// <summary>Charges above this amount (in any currency) are declined with <c>amount_limit</c>.</summary>
    [Range(typeof(decimal), "0.01", "1000000000")]
    public decimal AmountLimit { get; set; } = 10_000m;

    /// <summary>How many times a charge with <c>tok_flaky</c> fails transiently before it succeeds.</summary>
    [Range(0, 100)]
    public int FlakyFailures { get; set; } = 2;

    /// <summary>How long a charge with <c>tok_slow</c> takes to answer (it is made at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Added to every call, to model a remote provider.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Fraction of calls (0-1) that fail transiently at random, whatever the token.</summary>
    [Range(0.0, 1.0)]
    public double TransientFailureRate { get; set; }
}
