extern alias OrdersService;

using OrdersService::Mart.Orders.Domain;

namespace Mart.Tests.Unit.Orders;

public sealed class OrderPricingTests
{
    [Theory]
    [InlineData("39.98", "0.20", "39.98", "8.00", "47.98")]      // 7.996 rounds up
    [InlineData("0.05", "0.20", "0.05", "0.01", "0.06")]         // 0.010 exactly
    [InlineData("0.02", "0.25", "0.02", "0.01", "0.03")]         // 0.005: half away from zero
    [InlineData("100.00", "0", "100.00", "0.00", "100.00")]
    public void The_fee_is_rounded_to_cents_and_the_total_is_exact(string price, string rate, string subtotal, string fee, string total)
    {
        var pricing = OrderPricing.Calculate([new OrderLine(Guid.NewGuid(), "SKU", "Thing", decimal.Parse(price), 1)], decimal.Parse(rate));

        Assert.Equal(decimal.Parse(subtotal), pricing.Subtotal);
        Assert.Equal(decimal.Parse(fee), pricing.Fee);
        Assert.Equal(decimal.Parse(total), pricing.Total);
    }

    [Fact]
    public void The_subtotal_adds_every_line_total()
    {
        var pricing = OrderPricing.Calculate(
            [new OrderLine(Guid.NewGuid(), "A", "A", 1.10m, 3), new OrderLine(Guid.NewGuid(), "B", "B", 2.25m, 2)],
            0.20m);

        Assert.Equal(7.80m, pricing.Subtotal);
        Assert.Equal(1.56m, pricing.Fee);
        Assert.Equal(9.36m, pricing.Total);
    }

    [Fact]
    public void A_negative_rate_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderPricing.Calculate([], -0.1m));
}
