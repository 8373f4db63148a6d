using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Providers;

/// <summary>Client-side call limits of an upstream API; bound from <c>Finnhub:RateLimit</c>.</summary>
public sealed class CallBudgetOptions
{
    /// <summary>Calls allowed in any one-second window (Finnhub: 30).</summary>
    [Range(1, int.MaxValue)]
    public int PerSecond { get; set; } = 30;

    /// <summary>Calls allowed in any one-minute window (Finnhub's free plan: 60).</summary>
    [Range(1, int.MaxValue)]
    public int PerMinute { get; set; } = 60;

    /// <summary>Callers allowed to wait for a call slot at once; more are turned away immediately.</summary>
    [Range(0, int.MaxValue)]
    public int QueueLimit { get; set; } = 100;

    /// <summary>Longest a caller waits for a slot; when its slot would come later it is turned away at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Added to both windows, so clocks that disagree slightly (or count in coarse steps) never see a call early.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WindowMargin { get; set; } = TimeSpan.FromMilliseconds(50);
}
