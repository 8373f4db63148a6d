extern alias OrdersService;

using OrdersService::Mart.Orders.Domain;

namespace Mart.Tests.Unit.Orders;

public sealed class OrderStateMachineTests
{
    /// <summary>Every move the flow allows (docs/architecture.md, the order flow); any other pair must be refused.</summary>
    private static readonly Dictionary<(OrderStatus, OrderTrigger), OrderStatus> Allowed = new()
    {
        [(OrderStatus.Pending, OrderTrigger.StockReserved)] = OrderStatus.AwaitingPayment,
        [(OrderStatus.Pending, OrderTrigger.StockRejected)] = OrderStatus.Rejected,
        [(OrderStatus.Pending, OrderTrigger.CancelRequested)] = OrderStatus.Cancelled,
        [(OrderStatus.Pending, OrderTrigger.TimedOut)] = OrderStatus.Cancelled,
        [(OrderStatus.AwaitingPayment, OrderTrigger.PaymentSucceeded)] = OrderStatus.Completed,
        [(OrderStatus.AwaitingPayment, OrderTrigger.PaymentFailed)] = OrderStatus.Cancelled,
        [(OrderStatus.AwaitingPayment, OrderTrigger.CancelRequested)] = OrderStatus.Cancelled,
        [(OrderStatus.AwaitingPayment, OrderTrigger.TimedOut)] = OrderStatus.Cancelled,
        [(OrderStatus.Completed, OrderTrigger.CancelRequested)] = OrderStatus.RefundPending,
        [(OrderStatus.Completed, OrderTrigger.PaymentRefunded)] = OrderStatus.Refunded,
        [(OrderStatus.RefundPending, OrderTrigger.PaymentRefunded)] = OrderStatus.Refunded,
    };

    public static TheoryData<OrderStatus, OrderTrigger> EveryPair()
    {
        var data = new TheoryData<OrderStatus, OrderTrigger>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var trigger in Enum.GetValues<OrderTrigger>())
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_the_listed_moves_are_allowed(OrderStatus status, OrderTrigger trigger)
    {
        var expected = Allowed.TryGetValue((status, trigger), out var next) ? next : (OrderStatus?)null;

        Assert.Equal(expected, OrderStateMachine.Next(status, trigger));
    }

    [Theory]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Refunded)]
    public void Final_statuses_never_move_again(OrderStatus status)
    {
        Assert.True(OrderStateMachine.IsFinal(status));
        Assert.All(Enum.GetValues<OrderTrigger>(), trigger => Assert.Null(OrderStateMachine.Next(status, trigger)));
    }

    [Fact]
    public void No_trigger_leads_back_to_pending_or_out_of_a_final_status()
    {
        foreach (var ((from, _), to) in Allowed)
        {
            Assert.NotEqual(OrderStatus.Pending, to);
            Assert.False(OrderStateMachine.IsFinal(from), $"{from} is final but has a move to {to}");
        }
    }

    [Theory]
    [InlineData(OrderStatus.Pending, true)]
    [InlineData(OrderStatus.AwaitingPayment, true)]
    [InlineData(OrderStatus.Completed, false)]
    [InlineData(OrderStatus.RefundPending, false)]
    [InlineData(OrderStatus.Rejected, false)]
    public void Only_orders_waiting_on_another_service_are_open_to_the_timeout(OrderStatus status, bool open) =>
        Assert.Equal(open, OrderStateMachine.IsOpen(status));
}
