namespace Mart.Products.Data;

/// <summary>What Products decided for an order; mapped to <c>stock_decisions</c>. One per order, never changed.</summary>
public sealed class StockDecision
{
    public Guid OrderId { get; set; }

    /// <summary>One of <see cref="StockOutcome"/>.</summary>
    public required string Outcome { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
