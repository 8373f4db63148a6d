using Npgsql;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The stale reservation sweep: an order whose settling event was lost keeps its units held until the sweep asks Orders
/// and settles them. The loss is made in the products database: a settled reservation is put back to 'reserved' a day
/// old, with the stock as it was before it was settled.
/// </summary>
[Collection("orderflow")]
public sealed class StaleReservationTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_completed_order_whose_sale_was_never_applied_is_committed_by_the_sweep()
    {
        var product = await Client.CreateProductAsync(onHand: 9);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 3));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        await Client.WaitForStockAsync(product.Id, onHand: 6, reserved: 0);

        // As if order.completed had never reached Products: the units are on hand and still held.
        await LoseSettlementAsync(placed.Id, "committed", onHand: 3, reserved: 3);
        Assert.Equal((9, 3), await Client.StockAsync(product.Id));

        await Client.WaitForStockAsync(product.Id, onHand: 6, reserved: 0);
        Assert.Equal("committed", await ReservationStatusAsync(placed.Id));
        await AssertLoggedAsync($"Order {placed.Id} is completed in Orders but its stock was still held: committed 3 unit(s)");
    }

    [Fact]
    public async Task A_cancelled_order_whose_cancellation_was_never_applied_is_released_by_the_sweep()
    {
        var product = await Client.CreateProductAsync(onHand: 4);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_decline", (product.Id, 2));
        await Client.WaitForStatusAsync(placed.Id, "cancelled");
        await Client.WaitForStockAsync(product.Id, onHand: 4, reserved: 0);

        // As if order.cancelled had never reached Products: the units are still held.
        await LoseSettlementAsync(placed.Id, "released", onHand: 0, reserved: 2);
        Assert.Equal((4, 2), await Client.StockAsync(product.Id));

        await Client.WaitForStockAsync(product.Id, onHand: 4, reserved: 0);
        Assert.Equal("released", await ReservationStatusAsync(placed.Id));
        await AssertLoggedAsync($"Order {placed.Id} is cancelled in Orders but its stock was still held: released 2 unit(s)");
    }

    [Fact]
    public async Task A_refunded_order_whose_sale_and_refund_were_never_applied_lets_its_hold_go()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        await Client.CancelAsync(placed.Id);
        await Client.WaitForStatusAsync(placed.Id, "refunded");
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);

        // As if neither order.completed nor payment.refunded had reached Products: the unit is still held, never sold.
        await LoseSettlementAsync(placed.Id, "restocked", onHand: 0, reserved: 1);
        Assert.Equal((5, 1), await Client.StockAsync(product.Id));

        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
        Assert.Equal("restocked", await ReservationStatusAsync(placed.Id));
        await AssertLoggedAsync($"Order {placed.Id} is refunded in Orders but its stock was still held: restocked 1 unit(s)");
    }

    /// <summary>Puts the order's reservations, now <paramref name="settled"/>, back to 'reserved' a day old, adding their units times the given signs back to stock.</summary>
    private async Task LoseSettlementAsync(Guid orderId, string settled, int onHand, int reserved)
    {
        await using var connection = new NpgsqlConnection(Client.ProductsDb);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand(
                    """
                    UPDATE products SET on_hand = on_hand + $3, reserved = reserved + $4
                    WHERE id IN (SELECT product_id FROM stock_reservations WHERE order_id = $1 AND status = $2)
                    """)
                {
                    Parameters = { new() { Value = orderId }, new() { Value = settled }, new() { Value = onHand }, new() { Value = reserved } },
                },
                new NpgsqlBatchCommand(
                    "UPDATE stock_reservations SET status = 'reserved', created_at = now() - interval '1 day' WHERE order_id = $1 AND status = $2")
                {
                    Parameters = { new() { Value = orderId }, new() { Value = settled } },
                },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    private async Task<string> ReservationStatusAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(Client.ProductsDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(DISTINCT status, ',') FROM stock_reservations WHERE order_id = $1", connection);
        command.Parameters.AddWithValue(orderId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task AssertLoggedAsync(string line)
    {
        var logs = await fixture.App.LastLogLinesAsync("products", 5000);
        Assert.Contains(line, logs, StringComparison.Ordinal);
    }
}
