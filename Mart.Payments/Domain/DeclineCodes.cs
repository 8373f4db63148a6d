namespace Mart.Payments.Domain;

/// <summary>Machine-readable reasons a payment failed (payment.failed's <c>code</c>).</summary>
public static class DeclineCodes
{
    /// <summary>The gateway declined the card.</summary>
    public const string CardDeclined = "card_declined";

    /// <summary>The amount is above what the gateway accepts in one charge.</summary>
    public const string AmountLimit = "amount_limit";

    /// <summary>The gateway kept failing until the attempts ran out.</summary>
    public const string GatewayUnavailable = "gateway_unavailable";

    /// <summary>The order was cancelled before the charge was made; nothing was charged.</summary>
    public const string OrderCancelled = "order_cancelled";
}
