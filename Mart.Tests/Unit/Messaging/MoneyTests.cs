using Mart.Contracts;

namespace Mart.Tests.Unit.Messaging;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", 0, 0)]
    [InlineData("19.99", 19, 990_000_000)]
    [InlineData("-1.75", -1, -750_000_000)]
    [InlineData("-0.01", 0, -10_000_000)]
    [InlineData("9999999999999999.99", 9_999_999_999_999_999, 990_000_000)]
    [InlineData("0.000000001", 0, 1)]
    public void Decimal_maps_to_units_and_nanos_with_one_sign(string amount, long units, int nanos)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        var money = Money.FromDecimal(value, "EUR");

        Assert.Equal(units, money.Units);
        Assert.Equal(nanos, money.Nanos);
        Assert.Equal("EUR", money.Currency);
        Assert.Equal(value, money.ToDecimal());
    }

    [Fact]
    public void More_than_nine_decimals_is_refused_rather_than_rounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDecimal(0.0000000001m, "EUR"));
    }

    [Fact]
    public void Currency_is_required()
    {
        Assert.Throws<ArgumentException>(() => Money.FromDecimal(1m, " "));
    }
}
