namespace Mart.Products.Domain;

/// <summary>
/// Log events of stock reservations (event ids 4100-4199). The steps every order takes are Debug: at hundreds of orders a
/// second their console lines cost more CPU than the steps themselves; the order's history and its trace tell the same.
/// </summary>
internal static partial class StockLog
{
    [LoggerMessage(4100, LogLevel.Debug, "Reserved stock for order {OrderId}: {Lines} line(s).")]
    public static partial void Reserved(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4101, LogLevel.Information, "Rejected order {OrderId}: {Reason}")]
    public static partial void Rejected(ILogger logger, Guid orderId, string reason);

    [LoggerMessage(4102, LogLevel.Information, "Order {OrderId} was already answered ({Outcome}); order.placed ignored.")]
    public static partial void AlreadyDecided(ILogger logger, Guid orderId, string outcome);

    [LoggerMessage(4103, LogLevel.Debug, "Committed {Lines} reservation(s) of order {OrderId}.")]
    public static partial void Committed(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4104, LogLevel.Debug, "Released {Lines} reservation(s) of order {OrderId}.")]
    public static partial void Released(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4105, LogLevel.Debug, "Restocked {Lines} line(s) of refunded order {OrderId}.")]
    public static partial void Restocked(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4106, LogLevel.Debug, "Nothing to {Action} for order {OrderId}.")]
    public static partial void NothingTo(ILogger logger, string action, Guid orderId);

    [LoggerMessage(4107, LogLevel.Information, "Order {OrderId} was cancelled before it was placed here; a late order.placed will be rejected.")]
    public static partial void CancelledFirst(ILogger logger, Guid orderId);

    [LoggerMessage(4108, LogLevel.Information, "Order {OrderId} was refunded before its sale was handled: {Lines} held line(s) let go, and its order.completed will find nothing to commit.")]
    public static partial void RefundedBeforeSale(ILogger logger, Guid orderId, int lines);
}
