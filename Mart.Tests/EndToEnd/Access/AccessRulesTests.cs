using System.Net;
using System.Net.Http.Json;
using Mart.Tests.EndToEnd.OrderFlow;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Access;

/// <summary>
/// Who may call what, through the whole system with real tokens from the identity service: anonymous callers,
/// customers, another customer, staff and service clients, on every operation of Products, Orders and Payments.
/// </summary>
[Collection("orderflow")]
public sealed class AccessRulesTests(OrderFlowFixture fixture)
{
    private static readonly string Product = "/products/" + Guid.CreateVersion7();
    private static readonly string Order = "/orders/" + Guid.CreateVersion7();
    private static readonly string Payment = "/payments/" + Guid.CreateVersion7();

    private OrderFlowClient Client => fixture.Client;

    /// <summary>Every protected operation: method, service, path.</summary>
    public static TheoryData<string, string, string> Protected => new()
    {
        { "POST", "products", "/products" },
        { "PUT", "products", Product },
        { "DELETE", "products", Product },
        { "POST", "products", Product + "/stock" },
        { "POST", "orders", "/orders" },
        { "GET", "orders", "/orders" },
        { "GET", "orders", Order },
        { "POST", "orders", Order + "/cancel" },
        { "GET", "payments", Payment },
        { "GET", "payments", "/payments?orderId=" + Guid.CreateVersion7() },
        { "POST", "payments", Payment + "/refund" },
    };

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Without_a_token_every_protected_operation_answers_401_with_a_bearer_challenge(string method, string service, string path)
    {
        using var http = fixture.App.CreateHttpClient(service);
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    /// <summary>The operations for staff and services only: a customer's token, even granted their scope, is refused.</summary>
    public static TheoryData<string, string, string> StaffOnly => new()
    {
        { "POST", "products", "/products" },
        { "PUT", "products", Product },
        { "DELETE", "products", Product },
        { "POST", "products", Product + "/stock" },
        { "GET", "payments", Payment },
        { "GET", "payments", "/payments?orderId=" + Guid.CreateVersion7() },
        { "POST", "payments", Payment + "/refund" },
    };

    [Theory]
    [MemberData(nameof(StaffOnly))]
    public async Task A_customer_granted_the_scope_is_refused_every_staff_operation_with_403(string method, string service, string path)
    {
        var customer = await Client.Callers.NewCustomerAsync("orders", "catalog", "payments");
        using var http = fixture.App.CreateHttpClient(service);

        using var response = await SendAsync(http, new HttpMethod(method), path, customer, new { });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter!.Contains("insufficient_scope", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task A_token_that_is_not_one_answers_401(string method, string service, string path)
    {
        using var http = fixture.App.CreateHttpClient(service);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = new("Bearer", "not.a.token");
        using var response = await http.SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter!.Contains("invalid_token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("products", "/products")]
    [InlineData("products", "/health")]
    [InlineData("orders", "/health")]
    [InlineData("orders", "/alive")]
    [InlineData("payments", "/openapi/v1.json")]
    [InlineData("market", "/market/quote?symbol=AAPL")]
    public async Task Reads_of_public_data_and_probes_need_no_token(string service, string path)
    {
        using var http = fixture.App.CreateHttpClient(service);
        using var response = await http.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK, $"{service} {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_customer_who_asked_for_the_catalog_scope_gets_it_but_not_the_right_to_change_the_catalog()
    {
        var customer = await Client.Callers.NewCustomerAsync("orders", "catalog", "payments");
        var product = await Client.CreateProductAsync(onHand: 3);

        using var create = await SendAsync(Client.Products, HttpMethod.Post, "/products", customer, new { sku = "NOPE-" + Guid.NewGuid().ToString("N"), name = "n", price = 1, currency = "EUR" });
        using var stock = await SendAsync(Client.Products, HttpMethod.Post, $"/products/{product.Id}/stock", customer, new { delta = 5, reason = "restock" });
        using var payments = await SendAsync(Client.Payments, HttpMethod.Get, $"/payments?orderId={Guid.NewGuid()}", customer);

        foreach (var response in new[] { create, stock, payments })
        {
            await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter!.Contains("insufficient_scope", StringComparison.Ordinal));
        }

        Assert.Equal((3, 0), await Client.StockAsync(product.Id));
    }

    [Fact]
    public async Task A_customer_token_for_orders_only_is_not_for_the_catalog_audience()
    {
        var customer = await Client.NewCustomerAsync();

        using var create = await SendAsync(Client.Products, HttpMethod.Post, "/products", customer, new { sku = "AUD-" + Guid.NewGuid().ToString("N"), name = "n", price = 1, currency = "EUR" });

        await ProblemAssert.IsAsync(create, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_customers_order_is_not_found_for_reading_or_cancelling_and_their_listing_is_refused()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var owner = await Client.NewCustomerAsync();
        var other = await Client.NewCustomerAsync();
        var order = await Client.PlaceAsync(owner, "tok_slow", (product.Id, 1));

        using var read = await SendAsync(Client.Orders, HttpMethod.Get, $"/orders/{order.Id}", other);
        using var cancel = await SendAsync(Client.Orders, HttpMethod.Post, $"/orders/{order.Id}/cancel", other);
        using var list = await SendAsync(Client.Orders, HttpMethod.Get, $"/orders?customerId={owner.Id}", other);
        using var own = await SendAsync(Client.Orders, HttpMethod.Get, "/orders", other);
        using var ownerRead = await SendAsync(Client.Orders, HttpMethod.Get, $"/orders/{order.Id}", owner);

        await ProblemAssert.IsAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(cancel, HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(list, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Empty((await own.Content.ReadFromJsonAsync<OrderPageJson>(OrderFlowClient.Json))!.Items);
        Assert.Equal(HttpStatusCode.OK, ownerRead.StatusCode);
        Assert.NotEqual("cancelled", (await Client.GetOrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_customer_lists_only_their_own_orders_and_staff_list_anyones()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var alice = await Client.NewCustomerAsync();
        var bob = await Client.NewCustomerAsync();
        var alices = await Client.PlaceAsync(alice, "tok_visa", (product.Id, 1));
        var bobs = await Client.PlaceAsync(bob, "tok_visa", (product.Id, 1));

        using var aliceList = await SendAsync(Client.Orders, HttpMethod.Get, "/orders", alice);
        using var staffList = await SendAsync(Client.Orders, HttpMethod.Get, $"/orders?customerId={bob.Id}", Client.Admin);

        Assert.Equal([alices.Id], (await aliceList.Content.ReadFromJsonAsync<OrderPageJson>(OrderFlowClient.Json))!.Items.Select(o => o.Id));
        Assert.Equal([bobs.Id], (await staffList.Content.ReadFromJsonAsync<OrderPageJson>(OrderFlowClient.Json))!.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Staff_cancel_any_customers_order()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        var order = await Client.PlaceAsync(customer, "tok_slow", (product.Id, 1));

        using var cancel = await SendAsync(Client.Orders, HttpMethod.Post, $"/orders/{order.Id}/cancel", Client.Admin);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await Client.WaitForFinalAsync(order.Id);
    }

    [Fact]
    public async Task A_service_client_changes_the_catalog_and_reads_payments_and_orders_with_its_scopes_but_places_no_order()
    {
        var service = await Client.Callers.ServiceAsync(MartCallers.ApiScopes);
        var product = await Client.CreateProductAsync(onHand: 5);
        var order = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(order.Id, "completed");

        using var stock = await SendAsync(Client.Products, HttpMethod.Post, $"/products/{product.Id}/stock", service, new { delta = 5, reason = "restock" });
        using var payments = await SendAsync(Client.Payments, HttpMethod.Get, $"/payments?orderId={order.Id}", service);
        using var read = await SendAsync(Client.Orders, HttpMethod.Get, $"/orders/{order.Id}", service);
        using var place = await SendAsync(Client.Orders, HttpMethod.Post, "/orders", service, OrderFlowClient.OrderBody("tok_visa", (product.Id, 1)));

        Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, payments.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsAsync(place, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_client_without_the_scope_is_refused()
    {
        var ordersOnly = await Client.Callers.ServiceAsync("orders", "catalog");
        var product = await Client.CreateProductAsync(onHand: 5);

        using var payments = await SendAsync(Client.Payments, HttpMethod.Get, $"/payments?orderId={Guid.NewGuid()}", ordersOnly);
        using var stock = await SendAsync(Client.Products, HttpMethod.Post, $"/products/{product.Id}/stock", ordersOnly, new { delta = 1, reason = "restock" });

        // Its token is not for the Payments audience at all.
        await ProblemAssert.IsAsync(payments, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_their_customer()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var alice = await Client.NewCustomerAsync();
        var bob = await Client.NewCustomerAsync();
        var key = "shared-" + Guid.NewGuid().ToString("N");

        using var alices = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (product.Id, 1)), key, alice);
        using var bobs = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (product.Id, 2)), key, bob);

        Assert.Equal(HttpStatusCode.Created, alices.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
        Assert.False(bobs.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(bob.Id, (await bobs.Content.ReadFromJsonAsync<OrderJson>(OrderFlowClient.Json))!.CustomerId);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, Caller caller, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = caller.Bearer;
        return http.SendAsync(request);
    }
}
