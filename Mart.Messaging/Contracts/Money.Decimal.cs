namespace Mart.Contracts;

/// <summary>Conversions between <see cref="Money"/> on the wire and the <c>decimal</c> amounts the services store.</summary>
public sealed partial class Money
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>Builds a wire amount; throws when the amount has more than nine decimals, so nothing is rounded silently.</summary>
    public static Money FromDecimal(decimal amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var units = decimal.Truncate(amount);
        var nanos = (amount - units) * NanosPerUnit;
        if (nanos != decimal.Truncate(nanos))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Money carries at most nine decimal places.");
        }

        return new Money { Currency = currency, Units = (long)units, Nanos = (int)nanos };
    }

    /// <summary>The exact decimal amount; units and nanos share one sign, so their sum is the value.</summary>
    public decimal ToDecimal() => Units + (Nanos / NanosPerUnit);
}
