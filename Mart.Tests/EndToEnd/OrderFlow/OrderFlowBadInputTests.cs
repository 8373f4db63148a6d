using System.Net;
using System.Text;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>Wrong input on every Orders and Payments endpoint answers a 4xx problem, never a 500.</summary>
[Collection("orderflow")]
public sealed class OrderFlowBadInputTests(OrderFlowFixture fixture)
{
    private static readonly Guid Unknown = Guid.Parse("00000000-0000-7000-8000-0000000000aa");

    private OrderFlowClient Client => fixture.Client;

    [Theory]
    [InlineData("{}", "currency")]
    // The customer is the token's subject: a body cannot name another.
    [InlineData("""{"customerId":"someone-else","currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}],"paymentToken":"tok"}""", "customerId")]
    [InlineData("""{"currency":"EURO","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}],"paymentToken":"tok"}""", "currency")]
    [InlineData("""{"currency":"EUR","items":[],"paymentToken":"tok"}""", "items")]
    [InlineData("""{"currency":"EUR","paymentToken":"tok"}""", "items")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}]}""", "paymentToken")]
    [InlineData("""{"currency":"EUR","items":[{"quantity":1}],"paymentToken":"tok"}""", "items[0].productId")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001"}],"paymentToken":"tok"}""", "items[0].quantity")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":0}],"paymentToken":"tok"}""", "items[0].quantity")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":-3}],"paymentToken":"tok"}""", "items[0].quantity")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1001}],"paymentToken":"tok"}""", "items[0].quantity")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":600},{"productId":"00000000-0000-7000-8000-000000000001","quantity":600}],"paymentToken":"tok"}""", "items")]
    [InlineData("""{"currency":"EUR","items":[null],"paymentToken":"tok"}""", "items[0]")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}],"paymentToken":"tok\u0000"}""", "paymentToken")]
    [InlineData("""{"currency":"XAU","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}],"paymentToken":"tok"}""", "currency")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1,"price":0}],"paymentToken":"tok"}""", "items[0].price")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1}],"paymentToken":"tok","discount":100}""", "discount")]
    public async Task Invalid_orders_are_refused_naming_the_field(string json, string field)
    {
        using var response = await PostJsonAsync("/orders", json);

        await ProblemAssert.InvalidAsync(response, field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"not-a-uuid","quantity":1}],"paymentToken":"tok"}""")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":"two"}],"paymentToken":"tok"}""")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1e30}],"paymentToken":"tok"}""")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":99999999999}],"paymentToken":"tok"}""")]
    [InlineData("""{"currency":"EUR","items":[{"productId":"00000000-0000-7000-8000-000000000001","quantity":1.5}],"paymentToken":"tok"}""")]
    [InlineData("""{"customerId":42,"currency":"EUR","items":[],"paymentToken":"tok"}""")]
    [InlineData("""{"currency":"EUR","items":"everything","paymentToken":"tok"}""")]
    public async Task Malformed_bodies_are_refused_with_400(string json)
    {
        using var response = await PostJsonAsync("/orders", json);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Too_many_lines_and_too_long_strings_are_refused()
    {
        var lines = Enumerable.Range(0, 51).Select(_ => (Guid.NewGuid(), 1)).ToArray();
        using var tooMany = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok", lines));
        using var longToken = await Client.PostOrderAsync(OrderFlowClient.OrderBody(new string('t', 201), (Guid.NewGuid(), 1)));

        await ProblemAssert.InvalidAsync(tooMany, "items");
        await ProblemAssert.InvalidAsync(longToken, "paymentToken");
    }

    [Theory]
    [InlineData("/orders?customerId=%00x")]
    [InlineData("/orders?customerId=a%0Ab")]
    public async Task A_customer_id_no_order_can_have_is_refused_in_listings(string path)
    {
        using var response = await Client.Orders.GetAsync(path);

        await ProblemAssert.InvalidAsync(response, "customerId");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var json = $$"""{"currency":"EUR","items":[],"paymentToken":"{{new string('x', 100_000)}}"}""";

        using var response = await PostJsonAsync("/orders", json);

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        using var response = await Client.Orders.PostAsync("/orders", new StringContent("customerId=c", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("tab\tinside")]
    public async Task A_malformed_idempotency_key_is_refused(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent(
                $$"""{"currency":"EUR","items":[{"productId":"{{Unknown}}","quantity":1}],"paymentToken":"tok"}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await Client.Orders.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_refused()
    {
        using var response = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok", (Unknown, 1)), new string('k', 201));

        await ProblemAssert.InvalidAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task Unknown_products_are_refused_with_422_naming_them_and_nothing_is_stored()
    {
        var known = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();

        using var response = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (known.Id, 1), (Unknown, 1)), customer: customer);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(Unknown.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(known.Id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM orders WHERE customer_id = $1", customer.Id));
    }

    [Fact]
    public async Task A_deleted_product_cannot_be_ordered()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        using (var deleted = await Client.Products.DeleteAsync($"/products/{product.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var response = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (product.Id, 1)));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(product.Id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Products_priced_in_another_currency_are_refused_with_422()
    {
        var dollars = await Client.CreateProductAsync(onHand: 5, currency: "USD");

        using var response = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (dollars.Id, 1)));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(dollars.Id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_free_order_is_refused_with_422()
    {
        var free = await Client.CreateProductAsync(onHand: 5, price: 0m);

        using var response = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (free.Id, 1)));

        await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("/orders/00000000-0000-7000-8000-0000000000aa", HttpStatusCode.NotFound)]
    [InlineData("/orders/not-a-uuid", HttpStatusCode.NotFound)]
    [InlineData("/orders?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/orders?limit=101", HttpStatusCode.BadRequest)]
    [InlineData("/orders?limit=-1", HttpStatusCode.BadRequest)]
    [InlineData("/orders?limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("/orders?limit=99999999999999", HttpStatusCode.BadRequest)]
    [InlineData("/orders?status=shipped", HttpStatusCode.BadRequest)]
    [InlineData("/orders?status=COMPLETED", HttpStatusCode.BadRequest)]
    [InlineData("/orders?cursor=garbage", HttpStatusCode.BadRequest)]
    [InlineData("/orders?cursor=AAAA", HttpStatusCode.BadRequest)]
    public async Task Bad_order_reads_are_refused(string path, HttpStatusCode status)
    {
        using var response = await Client.Orders.GetAsync(path);

        await ProblemAssert.IsAsync(response, status);
    }

    [Fact]
    public async Task A_customer_id_too_long_to_exist_is_refused_in_listings()
    {
        using var response = await Client.Orders.GetAsync("/orders?customerId=" + new string('c', 101));

        await ProblemAssert.InvalidAsync(response, "customerId");
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_is_404_and_a_rejected_one_409()
    {
        using var unknown = await Client.Orders.PostAsync($"/orders/{Unknown}/cancel", content: null);
        using var notAnId = await Client.Orders.PostAsync("/orders/12345/cancel", content: null);
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(notAnId, HttpStatusCode.NotFound);

        var scarce = await Client.CreateProductAsync(onHand: 1);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (scarce.Id, 2));
        await Client.WaitForStatusAsync(placed.Id, "rejected");
        using var rejected = await Client.Orders.PostAsync($"/orders/{placed.Id}/cancel", content: null);

        await ProblemAssert.IsAsync(rejected, HttpStatusCode.Conflict);
        Assert.Equal("rejected", (await Client.GetOrderAsync(placed.Id)).Status);
    }

    [Theory]
    [InlineData("/payments/00000000-0000-7000-8000-0000000000aa", HttpStatusCode.NotFound)]
    [InlineData("/payments/not-a-uuid", HttpStatusCode.NotFound)]
    [InlineData("/payments", HttpStatusCode.BadRequest)]
    [InlineData("/payments?orderId=", HttpStatusCode.BadRequest)]
    [InlineData("/payments?orderId=not-a-uuid", HttpStatusCode.BadRequest)]
    public async Task Bad_payment_reads_are_refused(string path, HttpStatusCode status)
    {
        using var response = await Client.Payments.GetAsync(path);

        await ProblemAssert.IsAsync(response, status);
    }

    [Fact]
    public async Task The_payments_of_an_order_without_one_is_an_empty_list()
    {
        Assert.Empty(await Client.PaymentsOfAsync(Unknown));
    }

    [Fact]
    public async Task Refunding_an_unknown_payment_is_404_and_a_failed_one_409()
    {
        using var unknown = await Client.Payments.PostAsync($"/payments/{Unknown}/refund", content: null);
        using var notAnId = await Client.Payments.PostAsync("/payments/xyz/refund", content: null);
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(notAnId, HttpStatusCode.NotFound);

        var product = await Client.CreateProductAsync(onHand: 3);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_decline", (product.Id, 1));
        var payment = await Client.WaitForPaymentAsync(placed.Id, "failed");
        using var failed = await Client.Payments.PostAsync($"/payments/{payment.Id}/refund", content: null);

        await ProblemAssert.IsAsync(failed, HttpStatusCode.Conflict);
        Assert.Equal("failed", Assert.Single(await Client.PaymentsOfAsync(placed.Id)).Status);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.Orders.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
