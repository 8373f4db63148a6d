namespace Mart.Products.Data;

/// <summary>A manual change of on-hand stock with its reason; mapped to <c>stock_adjustments</c>.</summary>
public sealed class StockAdjustment
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public int Delta { get; set; }

    public required string Reason { get; set; }

    public int OnHandAfter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
