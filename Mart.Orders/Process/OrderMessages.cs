using Mart.Contracts;
using Mart.Orders.Domain;

namespace Mart.Orders.Process;

/// <summary>The events Orders publishes, built from an order.</summary>
public static class OrderMessages
{
    public static OrderPlaced Placed(Order order)
    {
        var placed = new OrderPlaced
        {
            OrderId = order.Id.ToString(),
            CustomerId = order.CustomerId,
            Subtotal = Money.FromDecimal(order.Subtotal, order.Currency),
            Fee = Money.FromDecimal(order.Fee, order.Currency),
            Total = Money.FromDecimal(order.Total, order.Currency),
        };
        placed.Lines.AddRange(order.Lines.Select(line => new Contracts.OrderLine
        {
            ProductId = line.ProductId.ToString(),
            ProductName = line.ProductName,
            Quantity = line.Quantity,
            UnitPrice = Money.FromDecimal(line.UnitPrice, order.Currency),
            LineTotal = Money.FromDecimal(line.LineTotal, order.Currency),
        }));
        return placed;
    }

    public static OrderAwaitingPayment AwaitingPayment(Order order, string paymentToken) => new()
    {
        OrderId = order.Id.ToString(),
        CustomerId = order.CustomerId,
        Amount = Money.FromDecimal(order.Total, order.Currency),
        PaymentToken = paymentToken,
    };

    public static OrderCompleted Completed(Order order) => new()
    {
        OrderId = order.Id.ToString(),
        PaymentId = order.PaymentId?.ToString() ?? string.Empty,
    };

    public static OrderCancelled Cancelled(Order order, string reason) => new()
    {
        OrderId = order.Id.ToString(),
        Reason = reason,
    };

    public static OrderRefundRequested RefundRequested(Order order, Guid paymentId, string reason) => new()
    {
        OrderId = order.Id.ToString(),
        PaymentId = paymentId.ToString(),
        Amount = Money.FromDecimal(order.Total, order.Currency),
        Reason = reason,
    };
}
