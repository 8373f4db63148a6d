using System.ComponentModel.DataAnnotations;

namespace Mart.Products.Reconciliation;

/// <summary>Settings of the sweep that settles forgotten reservations; bound from <c>Products:Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Products:Reconciliation";

    /// <summary>Time between two passes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Products:Reconciliation:Interval must be positive, at most a day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A reservation still held this long after it was made is checked with Orders. Well above Orders' own timeout
    /// (15 minutes), so every order it looks at should long have reached a final state.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Products:Reconciliation:StaleAfter must be at least a minute (and well above Orders' timeout).")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most orders checked in one pass; the next pass carries on after the last one.</summary>
    [Range(1, 10_000, ErrorMessage = "Products:Reconciliation:BatchSize must be from 1 to 10000.")]
    public int BatchSize { get; set; } = 100;

    /// <summary>Longest wait for Orders' answer about one order, retries included; then the pass ends.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Products:Reconciliation:OrdersTimeout must be positive, at most a day.")]
    public TimeSpan OrdersTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
