using System.ComponentModel.DataAnnotations;

namespace Mart.Payments.Charging;

/// <summary>How Payments works through due charges and refunds; bound from <c>Payments:Charging</c>.</summary>
public sealed class ChargingOptions
{
    public const string SectionName = "Payments:Charging";

    /// <summary>Gateway calls in flight at once in this process.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Charge attempts that may fail transiently before the payment fails with <c>gateway_unavailable</c>.</summary>
    [Range(1, 100)]
    public int MaxChargeAttempts { get; set; } = 8;

    /// <summary>Wait after the first transient failure; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one gateway call; longer counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often idle workers look for due work without being notified (a fallback; commits notify).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The delay before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var delay = RetryBaseDelay * Math.Pow(2, exponent);
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
