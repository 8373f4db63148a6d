using System.Diagnostics.Metrics;

namespace Mart.Products.Reconciliation;

/// <summary>Products' own instruments (meter <c>Mart.Products</c>, which Products adds to the exported meters).</summary>
public sealed class ReconciliationMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Mart.Products";

    private readonly Counter<long> reconciled;

    public ReconciliationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        reconciled = meter.CreateCounter<long>(
            "mart.products.reservations.reconciled",
            "{order}",
            "Orders whose held stock the sweep settled from Orders' answer, because the event that should have settled it never came.");
    }

    /// <summary>One order settled: <paramref name="outcome"/> is the reservations' new status, <paramref name="orderStatus"/> what Orders said.</summary>
    public void Reconciled(string outcome, string orderStatus) =>
        reconciled.Add(1, new("outcome", outcome), new("order_status", orderStatus));
}
