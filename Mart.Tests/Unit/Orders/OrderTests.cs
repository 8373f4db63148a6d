extern alias OrdersService;

using OrdersService::Mart.Orders.Domain;

namespace Mart.Tests.Unit.Orders;

public sealed class OrderTests
{
    private static readonly DateTimeOffset Placed = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_placed_order_is_pending_priced_and_has_its_first_history_entry()
    {
        var order = NewOrder();

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal("placed", order.Reason);
        Assert.Equal([1, 2], order.Lines.Select(line => line.LineNo));
        Assert.All(order.Lines, line => Assert.Equal(order.Id, line.OrderId));
        Assert.Equal(2 * 12.50m + 3 * 4.99m, order.Subtotal);
        Assert.Equal(order.Subtotal + order.Fee, order.Total);
        var first = Assert.Single(order.History);
        Assert.Null(first.From);
        Assert.Equal(OrderStatus.Pending, first.To);
        Assert.Equal(Placed, first.At);
    }

    [Fact]
    public void The_happy_path_records_every_move_with_its_reason_and_time()
    {
        var order = NewOrder();

        Assert.NotNull(order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddSeconds(1)));
        Assert.NotNull(order.Apply(OrderTrigger.PaymentSucceeded, "paid", Placed.AddSeconds(2)));

        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal("paid", order.Reason);
        Assert.Equal(Placed.AddSeconds(2), order.UpdatedAt);
        Assert.Equal(
            [(null, OrderStatus.Pending), (OrderStatus.Pending, OrderStatus.AwaitingPayment), (OrderStatus.AwaitingPayment, OrderStatus.Completed)],
            order.History.Select(change => (change.From, change.To)));
    }

    [Fact]
    public void A_duplicate_event_changes_nothing()
    {
        var order = NewOrder();
        order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddSeconds(1));

        var again = order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddSeconds(5));

        Assert.Null(again);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(Placed.AddSeconds(1), order.UpdatedAt);
        Assert.Equal(2, order.History.Count);
    }

    [Fact]
    public void A_payment_arriving_after_a_cancellation_does_not_complete_the_order()
    {
        var order = NewOrder();
        order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddSeconds(1));
        order.Apply(OrderTrigger.CancelRequested, "cancelled by the customer", Placed.AddSeconds(2));

        Assert.Null(order.Apply(OrderTrigger.PaymentSucceeded, "paid", Placed.AddSeconds(3)));
        Assert.Null(order.Apply(OrderTrigger.PaymentFailed, "declined", Placed.AddSeconds(3)));
        Assert.Null(order.Apply(OrderTrigger.TimedOut, "timeout", Placed.AddSeconds(4)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("cancelled by the customer", order.Reason);
    }

    [Fact]
    public void A_late_stock_answer_does_not_revive_a_timed_out_order()
    {
        var order = NewOrder();
        order.Apply(OrderTrigger.TimedOut, "timeout", Placed.AddMinutes(15));

        Assert.Null(order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddMinutes(16)));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("timeout", order.Reason);
    }

    [Fact]
    public void Cancelling_a_paid_order_asks_for_a_refund_and_the_refund_ends_it()
    {
        var order = NewOrder();
        order.Apply(OrderTrigger.StockReserved, "stock reserved", Placed.AddSeconds(1));
        order.Apply(OrderTrigger.PaymentSucceeded, "paid", Placed.AddSeconds(2));

        Assert.Equal(OrderStatus.RefundPending, order.Apply(OrderTrigger.CancelRequested, "refund please", Placed.AddSeconds(3))?.To);
        Assert.Null(order.Apply(OrderTrigger.CancelRequested, "refund please", Placed.AddSeconds(4)));
        Assert.Equal(OrderStatus.Refunded, order.Apply(OrderTrigger.PaymentRefunded, "payment refunded", Placed.AddSeconds(5))?.To);
        Assert.Null(order.Apply(OrderTrigger.PaymentRefunded, "payment refunded", Placed.AddSeconds(6)));
    }

    [Fact]
    public void The_payment_token_is_forgotten_once_handed_over()
    {
        var order = NewOrder();
        Assert.Equal("tok_visa", order.PaymentToken);

        order.HandOverPaymentToken();

        Assert.Null(order.PaymentToken);
    }

    [Fact]
    public void A_reason_is_required_for_every_move()
    {
        var order = NewOrder();

        Assert.ThrowsAny<ArgumentException>(() => order.Apply(OrderTrigger.StockReserved, " ", Placed));
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    private static Order NewOrder() => Order.Place(
        Guid.CreateVersion7(),
        "customer-1",
        "EUR",
        [new OrderLine(Guid.CreateVersion7(), "CUP-1", "Cup", 12.50m, 2), new OrderLine(Guid.CreateVersion7(), "SAUCER-1", "Saucer", 4.99m, 3)],
        0.20m,
        "tok_visa",
        Placed);
}
