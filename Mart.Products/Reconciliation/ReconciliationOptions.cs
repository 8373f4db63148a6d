namespace Mart.Products.Reconciliation;

/// <summary>Settings of the sweep that settles forgotten reservations; bound from <c>Products:Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Products:Reconciliation";

    /// <summary>Time between two passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A reservation still held this long after it was made is checked with Orders. Well above Orders' own timeout
    /// (15 minutes), so every order it looks at should long have reached a final state.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most orders checked in one pass; the next pass carries on after the last one.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Longest wait for Orders' answer about one order, retries included; then the pass ends.</summary>
    public TimeSpan OrdersTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
