using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// Writes whose COMMIT went through but whose answer was lost on the way (<see cref="LostCommitAnswer"/>): the
/// service must find its own write instead of running it again, and answer as if nothing had gone wrong.
/// </summary>
[Collection("orderflow")]
public sealed class LostCommitAnswerTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_stock_adjustment_whose_commit_answer_was_lost_is_applied_once_and_answered_200()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        await using var lost = await LostCommitAnswer.ArmAsync(Client.ProductsDb, "stock_adjustments", "INSERT", $"NEW.product_id = '{product.Id}'");

        using var adjusted = await Client.Products.PostAsJsonAsync($"/products/{product.Id}/stock", new { delta = 3, reason = "delivery whose answer was lost" });

        var body = await adjusted.Content.ReadAsStringAsync();
        Assert.Equal(1, lost.Lost);
        Assert.True(adjusted.StatusCode == HttpStatusCode.OK, $"POST /products/{product.Id}/stock: {(int)adjusted.StatusCode} {body}");
        Assert.Equal(8, JsonDocument.Parse(body).RootElement.GetProperty("onHand").GetInt32());
        Assert.NotNull(adjusted.Headers.ETag);
        Assert.Equal((8, 0), await Client.StockAsync(product.Id));
        Assert.Equal(1, await OrderFlowClient.ScalarAsync(Client.ProductsDb, "SELECT count(*) FROM stock_adjustments WHERE product_id = $1", product.Id));
    }

    [Fact]
    public async Task An_order_whose_commit_answer_was_lost_is_stored_once_answered_201_and_flows_on()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        await using var lost = await LostCommitAnswer.ArmAsync(Client.OrdersDb, "orders", "INSERT", $"NEW.customer_id = '{customer.Id}'");

        var placed = await Client.PlaceAsync(customer, "tok_visa", (product.Id, 2));

        Assert.Equal(1, lost.Lost);
        Assert.Equal(1, await OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM orders WHERE customer_id = $1", customer.Id));
        var completed = await Client.WaitForStatusAsync(placed.Id, "completed");
        Assert.Equal(["pending", "awaiting_payment", "completed"], completed.History.Select(h => h.Status));
        await Client.WaitForStockAsync(product.Id, onHand: 3, reserved: 0);
    }

    [Fact]
    public async Task A_cancel_whose_commit_answer_was_lost_is_answered_200_and_moves_the_order_once()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        var placed = await Client.PlaceAsync(customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        await using var lost = await LostCommitAnswer.ArmAsync(
            Client.OrdersDb, "orders", "UPDATE", $"NEW.id = '{placed.Id}' AND NEW.status = 'refund_pending' AND OLD.status <> NEW.status");

        var cancelled = await Client.CancelAsync(placed.Id);

        Assert.Equal(1, lost.Lost);
        Assert.Contains(cancelled.Status, new[] { "refund_pending", "refunded" });
        var refunded = await Client.WaitForStatusAsync(placed.Id, "refunded");
        Assert.Equal(["pending", "awaiting_payment", "completed", "refund_pending", "refunded"], refunded.History.Select(h => h.Status));
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
    }
}
