using System.ComponentModel.DataAnnotations;

namespace Mart.Orders.Domain;

/// <summary>Settings of the order flow, bound from the <c>Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary>Service fee as a fraction of the subtotal (0.20 = 20%, the rate of the original services).</summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal FeeRate { get; set; } = 0.20m;

    /// <summary>An order still pending or awaiting payment this long after placement is cancelled with reason <c>timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the timeout sweep looks for such orders.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TimeoutSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for Products' prices while placing an order, retries included; then 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CatalogTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
