namespace Mart.Products.Domain;

/// <summary>Log events of stock reservations (event ids 4100-4199).</summary>
internal static partial class StockLog
{
    [LoggerMessage(4100, LogLevel.Information, "Reserved stock for order {OrderId}: {Lines} line(s).")]
    public static partial void Reserved(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4101, LogLevel.Information, "Rejected order {OrderId}: {Reason}")]
    public static partial void Rejected(ILogger logger, Guid orderId, string reason);

    [LoggerMessage(4102, LogLevel.Information, "Order {OrderId} was already answered ({Outcome}); order.placed ignored.")]
    public static partial void AlreadyDecided(ILogger logger, Guid orderId, string outcome);

    [LoggerMessage(4103, LogLevel.Information, "Committed {Lines} reservation(s) of order {OrderId}.")]
    public static partial void Committed(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4104, LogLevel.Information, "Released {Lines} reservation(s) of order {OrderId}.")]
    public static partial void Released(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4105, LogLevel.Information, "Restocked {Lines} line(s) of refunded order {OrderId}.")]
    public static partial void Restocked(ILogger logger, Guid orderId, int lines);

    [LoggerMessage(4106, LogLevel.Debug, "Nothing to {Action} for order {OrderId}.")]
    public static partial void NothingTo(ILogger logger, string action, Guid orderId);

    [LoggerMessage(4107, LogLevel.Information, "Order {OrderId} was cancelled before it was placed here; a late order.placed will be rejected.")]
    public static partial void CancelledFirst(ILogger logger, Guid orderId);
}
