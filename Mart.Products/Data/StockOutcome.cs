namespace Mart.Products.Data;

/// <summary>The possible <see cref="StockDecision.Outcome"/> values.</summary>
public static class StockOutcome
{
    /// <summary>Every line was reserved.</summary>
    public const string Reserved = "reserved";

    /// <summary>Nothing was reserved (short stock, unknown or deleted product, bad line).</summary>
    public const string Rejected = "rejected";

    /// <summary>The cancellation arrived before the order: a late order.placed must not hold stock.</summary>
    public const string Cancelled = "cancelled";
}
