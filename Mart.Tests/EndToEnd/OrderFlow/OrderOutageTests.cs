using System.Net;
using System.Net.Http.Json;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>Products or Payments away: orders are refused cleanly or time out cleanly, never left hanging.</summary>
[Collection("orderflow")]
public sealed class OrderOutageTests(OrderFlowFixture fixture)
{
    private DistributedApplication App => fixture.App;

    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task With_products_unreachable_an_order_is_refused_with_503_and_nothing_is_stored()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        var key = "key-" + Guid.NewGuid();
        var body = OrderFlowClient.OrderBody("tok_visa", (product.Id, 1));
        await App.ResourceCommands.StopResourceAsync("products");
        try
        {
            using var response = await Client.PostOrderAsync(body, key, customer);

            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
            Assert.Equal(0, await OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM orders WHERE customer_id = $1", customer.Id));
            Assert.Equal(0, await OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM idempotency_keys WHERE key = $1", key));
        }
        finally
        {
            await App.ResourceCommands.StartResourceAsync("products");
            using var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await App.ResourceNotifications.WaitForResourceHealthyAsync("products", WaitBehavior.WaitOnResourceUnavailable, healthy.Token);
        }

        // Once Products is back, the retry with the same key places the order (the 503 was not remembered).
        using var retried = await Client.PostOrderAsync(body, key, customer);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var placed = (await retried.Content.ReadFromJsonAsync<OrderJson>(OrderFlowClient.Json))!;
        await Client.WaitForStatusAsync(placed.Id, "completed");
    }

    [Fact]
    public async Task An_order_left_waiting_for_payment_is_cancelled_with_reason_timeout_and_its_stock_released()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        OrderJson placed;
        await App.ResourceCommands.StopResourceAsync("payments");
        try
        {
            placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 2));
            await Client.WaitForStatusAsync(placed.Id, "awaiting_payment");
            await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 2);

            var cancelled = await Client.WaitForStatusAsync(placed.Id, "cancelled", OrderFlowFixture.OrderTimeout + OrderFlowClient.FlowTimeout);

            Assert.Equal("timeout", cancelled.Reason);
            Assert.Equal(["pending", "awaiting_payment", "cancelled"], cancelled.History.Select(h => h.Status));
            Assert.True(cancelled.UpdatedAt - cancelled.CreatedAt >= OrderFlowFixture.OrderTimeout, $"cancelled after {cancelled.UpdatedAt - cancelled.CreatedAt}");
            await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
        }
        finally
        {
            await App.ResourceCommands.StartResourceAsync("payments");
            using var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await App.ResourceNotifications.WaitForResourceHealthyAsync("payments", WaitBehavior.WaitOnResourceUnavailable, healthy.Token);
        }

        // Payments, back, finds the request to charge and the cancellation after it: no money is kept.
        await WaitForNoMoneyKeptAsync(placed.Id);
        Assert.Equal("cancelled", (await Client.GetOrderAsync(placed.Id)).Status);
        Assert.Equal((5, 0), await Client.StockAsync(product.Id));
    }

    private async Task WaitForNoMoneyKeptAsync(Guid orderId)
    {
        var deadline = DateTime.UtcNow + OrderFlowClient.FlowTimeout;
        while (true)
        {
            var payments = await Client.PaymentsOfAsync(orderId);
            if (payments is [{ Status: "failed" or "refunded" }])
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The payment of cancelled order {orderId} is {string.Join(", ", payments.Select(p => p.Status))}; expected failed or refunded.");
            }

            await Task.Delay(100);
        }
    }
}
