namespace Mart.Orders.Domain;

/// <summary>One product on an order, at the price Products quoted when the order was placed.</summary>
public sealed class OrderLine
{
    public OrderLine(Guid productId, string sku, string productName, decimal unitPrice, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ProductId = productId;
        Sku = sku;
        ProductName = productName;
        UnitPrice = unitPrice;
        Quantity = quantity;
        LineTotal = unitPrice * quantity;
    }

    public Guid OrderId { get; private set; }

    /// <summary>1-based position on the order, as the customer listed the products.</summary>
    public int LineNo { get; private set; }

    public Guid ProductId { get; private set; }

    public string Sku { get; private set; }

    public string ProductName { get; private set; }

    public decimal UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    public decimal LineTotal { get; private set; }

    internal OrderLine Numbered(Guid orderId, int lineNo)
    {
        OrderId = orderId;
        LineNo = lineNo;
        return this;
    }
}
