using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Integration.Messaging;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>Every path of an order through Products, Orders and Payments, each ending in an explained state.</summary>
[Collection("orderflow")]
public sealed class OrderFlowTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_paid_order_completes_commits_the_stock_and_is_charged_once()
    {
        var cup = await Client.CreateProductAsync(onHand: 10, price: 12.50m);
        var saucer = await Client.CreateProductAsync(onHand: 5, price: 4.99m);
        var customer = await Client.NewCustomerAsync();

        // Two lines for the cup are merged into one line of 3.
        var placed = await Client.PlaceAsync(customer, "tok_visa", (cup.Id, 2), (saucer.Id, 1), (cup.Id, 1));

        Assert.Equal(customer.Id, placed.CustomerId);
        Assert.Equal("EUR", placed.Currency);
        Assert.Equal([(cup.Id, 3, 12.50m, 37.50m), (saucer.Id, 1, 4.99m, 4.99m)], placed.Items.Select(i => (i.ProductId, i.Quantity, i.UnitPrice, i.LineTotal)));
        Assert.Equal(cup.Name, placed.Items[0].ProductName);
        Assert.Equal(42.49m, placed.Subtotal);
        Assert.Equal(8.50m, placed.Fee);
        Assert.Equal(50.99m, placed.Total);
        Assert.Equal(["pending"], placed.History.Select(h => h.Status));

        var completed = await Client.WaitForStatusAsync(placed.Id, "completed");

        Assert.Equal(["pending", "awaiting_payment", "completed"], completed.History.Select(h => h.Status));
        Assert.All(completed.History, h => Assert.False(string.IsNullOrWhiteSpace(h.Reason)));
        Assert.Equal(completed.History[^1].Reason, completed.Reason);
        Assert.True(completed.UpdatedAt > completed.CreatedAt);
        await Client.WaitForStockAsync(cup.Id, onHand: 7, reserved: 0);
        await Client.WaitForStockAsync(saucer.Id, onHand: 4, reserved: 0);
        var payment = Assert.Single(await Client.PaymentsOfAsync(placed.Id));
        Assert.Equal(("succeeded", 50.99m, "EUR", (string?)null), (payment.Status, payment.Amount, payment.Currency, payment.FailureReason));
        Assert.Contains(payment.Id.ToString(), completed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await OrderFlowClient.ScalarAsync(Client.PaymentsDb, "SELECT count(*) FROM payments WHERE order_id = $1", placed.Id));
    }

    [Fact]
    public async Task An_order_reads_with_exactly_the_documented_fields()
    {
        var product = await Client.CreateProductAsync(onHand: 3);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));

        using var response = await Client.Orders.GetAsync($"/orders/{placed.Id}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var order = json.RootElement;

        Assert.Equal(
            ["id", "customerId", "status", "reason", "currency", "items", "subtotal", "fee", "total", "createdAt", "updatedAt", "history"],
            order.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["productId", "productName", "unitPrice", "quantity", "lineTotal"], order.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["status", "reason", "at"], order.GetProperty("history")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, order.GetProperty("total").ValueKind);
    }

    [Fact]
    public async Task A_lower_case_currency_is_accepted_and_stored_upper_case()
    {
        var product = await Client.CreateProductAsync(onHand: 3);
        using var response = await Client.PostOrderAsync(new
        {
            currency = " eur ",
            items = new[] { new { productId = product.Id, quantity = 1 } },
            paymentToken = "tok_visa",
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /orders: {(int)response.StatusCode} {body}");
        var placed = JsonSerializer.Deserialize<OrderJson>(body, OrderFlowClient.Json)!;
        Assert.Equal("EUR", placed.Currency);
        Assert.Equal("EUR", (await Client.GetOrderAsync(placed.Id)).Currency);
        Assert.Equal("EUR", (await Client.WaitForPaymentAsync(placed.Id, "succeeded")).Currency);
    }

    [Fact]
    public async Task Short_stock_rejects_the_order_and_leaves_the_stock_untouched()
    {
        var plenty = await Client.CreateProductAsync(onHand: 50);
        var scarce = await Client.CreateProductAsync(onHand: 2);

        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (plenty.Id, 5), (scarce.Id, 3));
        var rejected = await Client.WaitForStatusAsync(placed.Id, "rejected");

        Assert.Equal(["pending", "rejected"], rejected.History.Select(h => h.Status));
        Assert.Contains(scarce.Id.ToString(), rejected.Reason, StringComparison.Ordinal);
        Assert.Equal((50, 0), await Client.StockAsync(plenty.Id));
        Assert.Equal((2, 0), await Client.StockAsync(scarce.Id));
        Assert.Empty(await Client.PaymentsOfAsync(placed.Id));
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_and_releases_the_reservation()
    {
        var product = await Client.CreateProductAsync(onHand: 4);

        var placed = await Client.PlaceAsync(Client.Customer, "tok_decline", (product.Id, 3));
        var cancelled = await Client.WaitForStatusAsync(placed.Id, "cancelled");

        Assert.Equal(["pending", "awaiting_payment", "cancelled"], cancelled.History.Select(h => h.Status));
        Assert.Contains("card_declined", cancelled.Reason, StringComparison.Ordinal);
        await Client.WaitForStockAsync(product.Id, onHand: 4, reserved: 0);
        var payment = Assert.Single(await Client.PaymentsOfAsync(placed.Id));
        Assert.Equal("failed", payment.Status);
        Assert.StartsWith("card_declined", payment.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_above_the_gateway_limit_is_declined()
    {
        var piano = await Client.CreateProductAsync(onHand: 2, price: 9_000m);

        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (piano.Id, 1));
        var cancelled = await Client.WaitForStatusAsync(placed.Id, "cancelled");

        Assert.Equal(10_800m, placed.Total);
        Assert.Contains("amount_limit", cancelled.Reason, StringComparison.Ordinal);
        await Client.WaitForStockAsync(piano.Id, onHand: 2, reserved: 0);
    }

    [Fact]
    public async Task A_flaky_gateway_is_retried_and_charges_once()
    {
        var product = await Client.CreateProductAsync(onHand: 5);

        var placed = await Client.PlaceAsync(Client.Customer, "tok_flaky", (product.Id, 2));
        await Client.WaitForStatusAsync(placed.Id, "completed");

        Assert.Equal("succeeded", Assert.Single(await Client.PaymentsOfAsync(placed.Id)).Status);
        await Client.WaitForStockAsync(product.Id, onHand: 3, reserved: 0);
    }

    [Fact]
    public async Task Cancelling_before_payment_cancels_the_order_releases_the_stock_and_keeps_no_money()
    {
        var product = await Client.CreateProductAsync(onHand: 6);

        // tok_slow keeps the charge in flight for a few seconds, so the order is still awaiting payment when cancelled.
        var placed = await Client.PlaceAsync(Client.Customer, "tok_slow", (product.Id, 2));
        await Client.WaitForStatusAsync(placed.Id, "awaiting_payment");
        var cancelled = await Client.CancelAsync(placed.Id);

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal(["pending", "awaiting_payment", "cancelled"], cancelled.History.Select(h => h.Status));
        Assert.Equal("cancelled by the customer", cancelled.Reason);
        await Client.WaitForStockAsync(product.Id, onHand: 6, reserved: 0);

        // The charge that was already under way is handed back; the order stays cancelled.
        var payment = await Client.WaitForPaymentAsync(placed.Id, "refunded");
        Assert.Equal(placed.Total, payment.Amount);
        Assert.Equal("cancelled", (await Client.GetOrderAsync(placed.Id)).Status);
        Assert.Equal((6, 0), await Client.StockAsync(product.Id));
    }

    [Fact]
    public async Task A_cancellation_during_a_charge_does_not_wait_for_the_gateway_and_other_orders_are_paid_meanwhile()
    {
        var product = await Client.CreateProductAsync(onHand: 6);
        var slow = await Client.PlaceAsync(Client.Customer, "tok_slow", (product.Id, 1));
        await Client.WaitForStatusAsync(slow.Id, "awaiting_payment");
        await Eventually.TrueAsync(
            async () => await OrderFlowClient.ScalarAsync(
                Client.PaymentsDb, "SELECT count(*) FROM payments WHERE order_id = $1 AND status = 'pending' AND in_call_until IS NOT NULL", slow.Id) == 1,
            "the slow charge is out at the gateway");

        await Client.CancelAsync(slow.Id);
        var quick = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(quick.Id, "completed");

        // Payments handled the cancellation and the next order's payment while the slow call was still out: nothing
        // waited on the slow payment's row (it is not locked during the call).
        Assert.Equal(1, await OrderFlowClient.ScalarAsync(
            Client.PaymentsDb,
            "SELECT count(*) FROM payments WHERE order_id = $1 AND status = 'pending' AND refund_requested_at IS NOT NULL",
            slow.Id));

        // The slow charge goes through and is handed back; the cancelled order keeps no money and no stock.
        var refunded = await Client.WaitForPaymentAsync(slow.Id, "refunded");
        Assert.Equal(slow.Total, refunded.Amount);
        Assert.Equal("cancelled", (await Client.GetOrderAsync(slow.Id)).Status);
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
    }

    [Fact]
    public async Task Cancelling_a_pending_order_cancels_it()
    {
        var product = await Client.CreateProductAsync(onHand: 6);

        var placed = await Client.PlaceAsync(Client.Customer, "tok_slow", (product.Id, 1));
        var cancelled = await Client.CancelAsync(placed.Id);

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", (await Client.WaitForFinalAsync(placed.Id)).Status);
        await Client.WaitForStockAsync(product.Id, onHand: 6, reserved: 0);
    }

    [Fact]
    public async Task Cancelling_after_completion_refunds_the_payment_and_restores_the_stock()
    {
        var product = await Client.CreateProductAsync(onHand: 8);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 3));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);

        var cancelling = await Client.CancelAsync(placed.Id);
        var refunded = await Client.WaitForStatusAsync(placed.Id, "refunded");

        Assert.Contains(cancelling.Status, new[] { "refund_pending", "refunded" });
        Assert.Equal(["pending", "awaiting_payment", "completed", "refund_pending", "refunded"], refunded.History.Select(h => h.Status));
        await Client.WaitForStockAsync(product.Id, onHand: 8, reserved: 0);
        var payment = Assert.Single(await Client.PaymentsOfAsync(placed.Id));
        Assert.Equal("refunded", payment.Status);

        // Cancelling again changes nothing.
        Assert.Equal("refunded", (await Client.CancelAsync(placed.Id)).Status);
        Assert.Equal(5, (await Client.GetOrderAsync(placed.Id)).History.Count);
    }

    [Fact]
    public async Task A_refund_made_through_payments_ends_the_order_refunded()
    {
        var product = await Client.CreateProductAsync(onHand: 4);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        var payment = Assert.Single(await Client.PaymentsOfAsync(placed.Id));

        using var first = await Client.Payments.PostAsync($"/payments/{payment.Id}/refund", content: null);
        using var second = await Client.Payments.PostAsync($"/payments/{payment.Id}/refund", content: null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("refunded", (await first.Content.ReadFromJsonAsync<PaymentJson>(OrderFlowClient.Json))!.Status);
        await Client.WaitForStatusAsync(placed.Id, "refunded");
        await Client.WaitForStockAsync(product.Id, onHand: 4, reserved: 0);
    }

    [Fact]
    public async Task A_product_deleted_while_the_order_is_pending_rejects_the_order_with_a_reason()
    {
        var product = await Client.CreateProductAsync(onHand: 10);

        // Products handles order.placed only once it can write its inbox; holding that table keeps the order pending
        // for as long as the test needs, whatever the machine's speed.
        OrderJson placed;
        await using (await InboxHold.TakeAsync(Client.ProductsDb))
        {
            placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 2));
            using var deleted = await Client.Products.DeleteAsync($"/products/{product.Id}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal("pending", (await Client.GetOrderAsync(placed.Id)).Status);
        }

        var rejected = await Client.WaitForStatusAsync(placed.Id, "rejected");

        Assert.Contains(product.Id.ToString(), rejected.Reason, StringComparison.Ordinal);
        Assert.Equal((10, 0), await Client.StockAsync(product.Id));
        Assert.Empty(await Client.PaymentsOfAsync(rejected.Id));
    }

    [Fact]
    public async Task Orders_are_listed_newest_first_by_customer_and_status_one_page_at_a_time()
    {
        var product = await Client.CreateProductAsync(onHand: 10);
        var customer = await Client.NewCustomerAsync();
        var first = await Client.PlaceAsync(customer, "tok_visa", (product.Id, 1));
        var second = await Client.PlaceAsync(customer, "tok_decline", (product.Id, 1));
        var third = await Client.PlaceAsync(customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(first.Id, "completed");
        await Client.WaitForStatusAsync(second.Id, "cancelled");
        await Client.WaitForStatusAsync(third.Id, "completed");

        var page1 = await ListAsync($"customerId={customer.Id}&limit=2");
        var page2 = await ListAsync($"customerId={customer.Id}&limit=2&cursor={Uri.EscapeDataString(page1.NextCursor!)}");
        var completed = await ListAsync($"customerId={customer.Id}&status=completed");

        Assert.Equal([third.Id, second.Id], page1.Items.Select(o => o.Id));
        Assert.Equal([first.Id], page2.Items.Select(o => o.Id));
        Assert.Null(page2.NextCursor);
        Assert.Equal([third.Id, first.Id], completed.Items.Select(o => o.Id));
        Assert.All(page1.Items.Concat(page2.Items), o => Assert.NotEmpty(o.History));
    }

    private async Task<OrderPageJson> ListAsync(string query)
    {
        using var response = await Client.Orders.GetAsync("/orders?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /orders?{query}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<OrderPageJson>(body, OrderFlowClient.Json)!;
    }
}
