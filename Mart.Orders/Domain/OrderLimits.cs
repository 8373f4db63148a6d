namespace Mart.Orders.Domain;

/// <summary>
/// Bounds of one order. Lines naming the same product are merged (quantities added) before the limits apply,
/// so the limits are about distinct products and the quantity of each.
/// </summary>
public static class OrderLimits
{
    /// <summary>Distinct products on one order.</summary>
    public const int MaxLines = 50;

    /// <summary>Units of one product on one order.</summary>
    public const int MaxQuantityPerLine = 1000;

    public const int MaxCustomerIdLength = 100;

    public const int MaxPaymentTokenLength = 200;

    /// <summary>Longest accepted <c>Idempotency-Key</c> header.</summary>
    public const int MaxIdempotencyKeyLength = 200;
}
