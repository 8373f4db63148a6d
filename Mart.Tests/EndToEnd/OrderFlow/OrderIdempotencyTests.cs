using System.Net;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.OrderFlow;

[Collection("orderflow")]
public sealed class OrderIdempotencyTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task The_same_key_and_body_twice_place_one_order_and_answer_the_same()
    {
        var product = await Client.CreateProductAsync(onHand: 10);
        var customer = await Client.NewCustomerAsync();
        var key = "order-" + Guid.NewGuid();
        var body = OrderFlowClient.OrderBody("tok_visa", (product.Id, 2));

        using var first = await Client.PostOrderAsync(body, key, customer);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.Created, firstBody);
        var order = JsonSerializer.Deserialize<OrderJson>(firstBody, OrderFlowClient.Json)!;
        await Client.WaitForStatusAsync(order.Id, "completed");

        using var second = await Client.PostOrderAsync(body, key, customer);
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(1, await CountOrdersAsync(customer.Id));
        await Client.WaitForStockAsync(product.Id, onHand: 8, reserved: 0);
        Assert.Single(await Client.PaymentsOfAsync(order.Id));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        var product = await Client.CreateProductAsync(onHand: 10);
        var customer = await Client.NewCustomerAsync();
        var key = "order-" + Guid.NewGuid();

        using var first = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (product.Id, 1)), key, customer);
        using var changed = await Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (product.Id, 2)), key, customer);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var problem = await ProblemAssert.IsAsync(changed, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountOrdersAsync(customer.Id));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_place_one_order()
    {
        var product = await Client.CreateProductAsync(onHand: 10);
        var customer = await Client.NewCustomerAsync();
        var key = "order-" + Guid.NewGuid();
        var body = OrderFlowClient.OrderBody("tok_visa", (product.Id, 1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.PostOrderAsync(body, key, customer)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(responses.Select(response => response.Headers.Location).Distinct());
        Assert.Equal(1, await CountOrdersAsync(customer.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Without_a_key_every_request_is_a_new_order()
    {
        var product = await Client.CreateProductAsync(onHand: 10);
        var customer = await Client.NewCustomerAsync();
        var body = OrderFlowClient.OrderBody("tok_visa", (product.Id, 1));

        using var first = await Client.PostOrderAsync(body, customer: customer);
        using var second = await Client.PostOrderAsync(body, customer: customer);

        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.Equal(2, await CountOrdersAsync(customer.Id));
    }

    private Task<long> CountOrdersAsync(string customer) =>
        OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM orders WHERE customer_id = $1", customer);
}
