using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// Every write of the order flow, its event handlers and endpoints, has its transaction fail once AT COMMIT with a
/// serialization failure, after its statements ran. Each must be retried from a clean unit of work: the order
/// still ends where it should, its history has each step once, stock and payments are exact, and every armed fault
/// saw exactly two commits (the failed one and the retry).
/// </summary>
[Collection("orderflow")]
public sealed class CommitFailureFlowTests(OrderFlowFixture fixture) : IAsyncLifetime
{
    private readonly List<(string What, CommitFault Fault)> _faults = [];

    private OrderFlowClient Client => fixture.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (_, fault) in _faults)
        {
            await fault.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_paid_order_then_refunded_on_request_survives_a_commit_failure_at_every_step()
    {
        var product = await Client.CreateProductAsync(onHand: 10, price: 7.00m);
        var customer = await Client.NewCustomerAsync();
        var token = NewToken();

        await ArmAsync("POST /orders", Client.OrdersDb, "orders", "INSERT", $"NEW.customer_id = '{customer.Id}'");
        await ArmAsync("Products order.placed", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.reserved > OLD.reserved");
        await ArmAsync("Orders stock.reserved", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "awaiting_payment"));
        await ArmAsync("Payments order.awaiting-payment", Client.PaymentsDb, "payments", "INSERT", $"NEW.payment_token = '{token}'");
        await ArmAsync("Payments charge outcome", Client.PaymentsDb, "payments", "UPDATE", $"OLD.payment_token = '{token}' AND NEW.status = 'succeeded'");
        await ArmAsync("Orders payment.succeeded", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "completed"));
        await ArmAsync("Products order.completed", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.on_hand < OLD.on_hand");

        var placed = await Client.PlaceAsync(customer, token, (product.Id, 2));
        var completed = await Client.WaitForStatusAsync(placed.Id, "completed");
        await Client.WaitForStockAsync(product.Id, onHand: 8, reserved: 0);
        var payment = await Client.WaitForPaymentAsync(placed.Id, "succeeded");

        Assert.Equal(["pending", "awaiting_payment", "completed"], completed.History.Select(h => h.Status));
        Assert.Equal((16.80m, "EUR"), (payment.Amount, payment.Currency));
        Assert.Equal(1, await CountAsync(Client.OrdersDb, "SELECT count(*) FROM orders WHERE customer_id = $1", customer.Id));
        await AssertEachFaultFiredOnceAsync();

        await ArmAsync("POST /orders/{id}/cancel (refund)", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "refund_pending"));
        await ArmAsync("Payments order.refund-requested", Client.PaymentsDb, "payments", "UPDATE",
            $"NEW.order_id = '{placed.Id}' AND NEW.refund_requested_at IS NOT NULL AND OLD.refund_requested_at IS NULL");
        await ArmAsync("Payments refund outcome", Client.PaymentsDb, "payments", "UPDATE", $"NEW.order_id = '{placed.Id}' AND NEW.status = 'refunded'");
        await ArmAsync("Orders payment.refunded", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "refunded"));
        await ArmAsync("Products payment.refunded", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.on_hand > OLD.on_hand");

        var cancelled = await Client.CancelAsync(placed.Id);
        Assert.Equal("refund_pending", cancelled.Status);
        var refunded = await Client.WaitForStatusAsync(placed.Id, "refunded");
        await Client.WaitForStockAsync(product.Id, onHand: 10, reserved: 0);
        await Client.WaitForPaymentAsync(placed.Id, "refunded");

        Assert.Equal(["pending", "awaiting_payment", "completed", "refund_pending", "refunded"], refunded.History.Select(h => h.Status));
        Assert.Single(await Client.PaymentsOfAsync(placed.Id));
        await AssertEachFaultFiredOnceAsync();
        Assert.Equal(1, await CountAsync(Client.ProductsDb, "SELECT count(*) FROM stock_reservations WHERE order_id = $1 AND status = 'restocked'", placed.Id));
    }

    [Fact]
    public async Task A_refund_through_the_payments_api_survives_a_commit_failure()
    {
        var product = await Client.CreateProductAsync(onHand: 4, price: 3.00m);
        var customer = await Client.NewCustomerAsync();
        var placed = await Client.PlaceAsync(customer, NewToken(), (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        var payment = await Client.WaitForPaymentAsync(placed.Id, "succeeded");
        await Client.WaitForStockAsync(product.Id, onHand: 3, reserved: 0);

        await ArmAsync("POST /payments/{id}/refund", Client.PaymentsDb, "payments", "UPDATE", $"NEW.id = '{payment.Id}' AND NEW.status = 'refunded'");
        using var response = await Client.Payments.PostAsync($"/payments/{payment.Id}/refund", content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /payments/{payment.Id}/refund: {(int)response.StatusCode} {body}");
        Assert.Equal("refunded", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());

        var refunded = await Client.WaitForStatusAsync(placed.Id, "refunded");
        await Client.WaitForStockAsync(product.Id, onHand: 4, reserved: 0);
        Assert.Equal(["pending", "awaiting_payment", "completed", "refunded"], refunded.History.Select(h => h.Status));
        await AssertEachFaultFiredOnceAsync();
    }

    [Fact]
    public async Task A_rejected_order_survives_a_commit_failure_in_both_services()
    {
        var product = await Client.CreateProductAsync(onHand: 1);
        var customer = await Client.NewCustomerAsync();

        // Products writes no product row when it rejects: its decision row is what the transaction writes.
        await ArmAsync("Products order.placed (rejected)", Client.ProductsDb, "stock_decisions", "INSERT", "NEW.outcome = 'rejected'");
        await ArmAsync("Orders stock.rejected", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "rejected"));

        var placed = await Client.PlaceAsync(customer, NewToken(), (product.Id, 2));
        var rejected = await Client.WaitForStatusAsync(placed.Id, "rejected");

        Assert.Equal(["pending", "rejected"], rejected.History.Select(h => h.Status));
        Assert.Equal((1, 0), await Client.StockAsync(product.Id));
        Assert.Empty(await Client.PaymentsOfAsync(placed.Id));
        await AssertEachFaultFiredOnceAsync();
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_releases_the_stock_despite_commit_failures()
    {
        // Above the simulated gateway's amount limit: declined, with a token of this test only.
        var product = await Client.CreateProductAsync(onHand: 3, price: 6000m);
        var customer = await Client.NewCustomerAsync();
        var token = NewToken();

        await ArmAsync("Payments charge outcome (declined)", Client.PaymentsDb, "payments", "UPDATE", $"OLD.payment_token = '{token}' AND NEW.status = 'failed'");
        await ArmAsync("Orders payment.failed", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "cancelled"));
        await ArmAsync("Products order.cancelled", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.reserved < OLD.reserved AND NEW.on_hand = OLD.on_hand");

        var placed = await Client.PlaceAsync(customer, token, (product.Id, 2));
        var cancelled = await Client.WaitForStatusAsync(placed.Id, "cancelled");
        await Client.WaitForStockAsync(product.Id, onHand: 3, reserved: 0);

        Assert.Equal(["pending", "awaiting_payment", "cancelled"], cancelled.History.Select(h => h.Status));
        var payment = Assert.Single(await Client.PaymentsOfAsync(placed.Id));
        Assert.Equal("failed", payment.Status);
        await AssertEachFaultFiredOnceAsync();
    }

    [Fact]
    public async Task The_timeout_sweep_survives_a_commit_failure_and_cancels_once()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        await ArmAsync("Orders timeout sweep", Client.OrdersDb, "orders", "UPDATE", Status(customer.Id, "cancelled"));

        // Products cannot handle order.placed while its inbox is held, so the order stays pending until the sweep.
        OrderJson cancelled;
        await using (await InboxHold.TakeAsync(Client.ProductsDb))
        {
            var placed = await Client.PlaceAsync(customer, NewToken(), (product.Id, 2));
            cancelled = await Client.WaitForStatusAsync(placed.Id, "cancelled", OrderFlowFixture.OrderTimeout + OrderFlowClient.FlowTimeout);
        }

        Assert.Equal("timeout", cancelled.Reason);
        Assert.Equal(["pending", "cancelled"], cancelled.History.Select(h => h.Status));

        // Products, free again, reserves for the late order.placed and releases on the cancellation after it.
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
        Assert.Equal(["pending", "cancelled"], (await Client.GetOrderAsync(cancelled.Id)).History.Select(h => h.Status));
        Assert.Empty(await Client.PaymentsOfAsync(cancelled.Id));
        await AssertEachFaultFiredOnceAsync();
    }

    [Fact]
    public async Task Catalog_and_stock_endpoints_survive_a_commit_failure_and_write_once()
    {
        var sku = "CF-" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        await ArmAsync("POST /products", Client.ProductsDb, "products", "INSERT", $"NEW.sku = '{sku}'");
        using var created = await Client.Products.PostAsJsonAsync("/products", new
        {
            sku,
            name = "Commit failure product",
            description = "Created through a failed commit.",
            price = 5.00m,
            currency = "EUR",
            onHand = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<CatalogProductJson>(OrderFlowClient.Json))!;
        Assert.Equal(1, await CountAsync(Client.ProductsDb, "SELECT count(*) FROM products WHERE sku = $1", sku));

        await ArmAsync("PUT /products/{id}", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.name = 'Renamed through a failed commit'");
        using var current = await Client.Products.GetAsync($"/products/{product.Id}");
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/products/{product.Id}")
        {
            Content = JsonContent.Create(new { sku, name = "Renamed through a failed commit", description = "Created through a failed commit.", price = 5.00m, currency = "EUR" }),
        };
        update.Headers.IfMatch.Add(current.Headers.ETag!);
        using var updated = await Client.Products.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(current.Headers.ETag, updated.Headers.ETag);

        // The tag the answer carries is the row's: a second update with it is accepted.
        using var again = new HttpRequestMessage(HttpMethod.Put, $"/products/{product.Id}")
        {
            Content = JsonContent.Create(new { sku, name = "Renamed twice", description = "Created through a failed commit.", price = 5.00m, currency = "EUR" }),
        };
        again.Headers.IfMatch.Add(updated.Headers.ETag!);
        using var updatedAgain = await Client.Products.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, updatedAgain.StatusCode);

        await ArmAsync("POST /products/{id}/stock", Client.ProductsDb, "stock_adjustments", "INSERT", $"NEW.product_id = '{product.Id}'");
        using var adjusted = await Client.Products.PostAsJsonAsync($"/products/{product.Id}/stock", new { delta = 3, reason = "delivery through a failed commit" });
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        Assert.Equal((8, 0), await Client.StockAsync(product.Id));
        Assert.Equal(1, await CountAsync(Client.ProductsDb, "SELECT count(*) FROM stock_adjustments WHERE product_id = $1", product.Id));

        await ArmAsync("DELETE /products/{id}", Client.ProductsDb, "products", "UPDATE", $"NEW.id = '{product.Id}' AND NEW.deleted_at IS NOT NULL");
        using var deleted = await Client.Products.DeleteAsync($"/products/{product.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Client.Products.GetAsync($"/products/{product.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        await AssertEachFaultFiredOnceAsync();
    }

    private static string NewToken() => "tok_commit_" + Guid.NewGuid().ToString("N");

    private static string Status(string customer, string status) =>
        $"NEW.customer_id = '{customer}' AND NEW.status = '{status}' AND OLD.status <> NEW.status";

    private async Task ArmAsync(string what, string connectionString, string table, string events, string when) =>
        _faults.Add((what, await CommitFault.ArmAsync(connectionString, table, events, when)));

    /// <summary>Each fault armed so far failed one commit and saw exactly one more, the retry that went through.</summary>
    private async Task AssertEachFaultFiredOnceAsync()
    {
        var seen = new List<string>();
        foreach (var (what, fault) in _faults)
        {
            seen.Add($"{what}: {await fault.CommitsSeenAsync()}");
        }

        Assert.All(seen, line => Assert.EndsWith(": 2", line, StringComparison.Ordinal));
    }

    private static Task<long> CountAsync(string connectionString, string sql, params object[] parameters) =>
        OrderFlowClient.ScalarAsync(connectionString, sql, parameters);
}
