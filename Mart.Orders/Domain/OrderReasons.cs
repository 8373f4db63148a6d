namespace Mart.Orders.Domain;

/// <summary>The reasons recorded with status changes, so history reads the same whichever path wrote it.</summary>
public static class OrderReasons
{
    public const string Placed = "placed";

    public const string StockReserved = "stock reserved";

    public const string CancelledByCustomer = "cancelled by the customer";

    public const string RefundRequestedByCustomer = "cancelled by the customer after payment; refund requested";

    /// <summary>An order open longer than <c>Orders:Timeout</c>; the exact word clients can match on.</summary>
    public const string Timeout = "timeout";

    public const string Refunded = "payment refunded";

    public const string LatePaymentRefund = "payment arrived after the order was cancelled";

    public static string Paid(Guid paymentId) => $"paid (payment {paymentId})";

    public static string PaymentFailed(string code, string reason) =>
        string.IsNullOrWhiteSpace(reason) ? $"payment failed: {code}" : $"payment failed: {code} ({reason})";
}
