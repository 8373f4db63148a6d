extern alias OrdersService;
using Microsoft.EntityFrameworkCore;
using OrdersService::Mart.Orders.Data;
using OrdersService::Mart.Orders.Domain;

namespace Mart.Tests.Unit.Orders;

public sealed class OrderWritesTests
{
    [Fact]
    public async Task A_tracked_order_is_refused_before_any_sql()
    {
        // Never connected: the check comes before the transaction is asked for.
        await using var db = new OrdersDbContext(new DbContextOptionsBuilder<OrdersDbContext>().UseNpgsql("Host=127.0.0.1").Options);
        var order = Order.Place(
            Guid.CreateVersion7(), "c-1", "EUR", [new OrderLine(Guid.CreateVersion7(), "B-1", "Bolt", 1.50m, 2)], 0.2m, "tok", DateTimeOffset.UtcNow);
        db.Attach(order);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => OrderWrites.SaveAsync(db, order, change: null, outbox: null!, message: null, CancellationToken.None));

        Assert.Contains("is tracked", refused.Message, StringComparison.Ordinal);
    }
}
