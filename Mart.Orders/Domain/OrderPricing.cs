namespace Mart.Orders.Domain;

/// <summary>What an order costs: the lines, plus a service fee at a configured rate.</summary>
public readonly record struct OrderPricing(decimal Subtotal, decimal Fee, decimal Total)
{
    /// <summary>
    /// Prices <paramref name="lines"/>. The fee is rounded to cents half away from zero (how a receipt rounds),
    /// and the total is exactly subtotal plus fee, which the database checks.
    /// </summary>
    public static OrderPricing Calculate(IEnumerable<OrderLine> lines, decimal feeRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feeRate);
        var subtotal = lines.Sum(line => line.LineTotal);
        var fee = decimal.Round(subtotal * feeRate, 2, MidpointRounding.AwayFromZero);
        return new OrderPricing(subtotal, fee, subtotal + fee);
    }
}
