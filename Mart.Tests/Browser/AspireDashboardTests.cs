using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mart.Tests.EndToEnd.OrderFlow;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mart.Tests.Browser;

/// <summary>The real Aspire dashboard in a real browser, over the whole system.</summary>
public sealed class AspireDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly string[] StreamResources = ["mart-products", "mart-orders", "mart-payments", "mart-market"];

    [Fact]
    public async Task The_resources_page_lists_the_four_stream_resources_with_their_properties()
    {
        var page = await fixture.LoggedInPageAsync();
        await page.GotoAsync(new Uri(fixture.LoginUrl, "/").ToString());
        foreach (var stream in StreamResources)
        {
            await Expect(page.GetByText(stream, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await Screenshots.TakeAsync(page, "aspire-resources");

        // The details of one stream show its live properties.
        await page.GotoAsync(new Uri(fixture.LoginUrl, "/?resource=mart-orders").ToString());
        await Expect(page.GetByText("No dead letters in mart.orders.dlq.").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("No consumer group is falling behind.").First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "aspire-stream-resource");
    }

    [Fact]
    public async Task One_orders_trace_spans_orders_products_and_payments_with_messaging_producer_and_consumer_spans()
    {
        using var flow = await OrderFlowClient.CreateAsync(fixture.App);
        var product = await flow.CreateProductAsync(onHand: 5);

        // The order is placed under a trace id the test chooses, so the dashboard's trace can be opened directly.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(OrderFlowClient.OrderBody("tok_visa", (product.Id, 1))),
        };
        request.Headers.Authorization = flow.Customer.Bearer;
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var orders = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = fixture.App.GetEndpoint("orders"),
        };
        using var placed = await orders.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<OrderJson>(OrderFlowClient.Json);
        await flow.WaitForStatusAsync(order!.Id, "completed");

        var page = await fixture.LoggedInPageAsync();
        // The dashboard names messaging spans "MSG <system> <destination>": producers' and consumers' alike.
        string[] expected = ["MSG redis mart.orders", "MSG redis mart.products", "POST /orders", "POST /products/lookup"];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GotoAsync(new Uri(fixture.LoginUrl, $"/traces/detail/{traceId}").ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var text = await page.InnerTextAsync("body");
            var missing = expected.Where(s => !text.Contains(s, StringComparison.Ordinal)).ToList();
            if (missing.Count == 0)
            {
                break;
            }

            if (DateTime.UtcNow >= deadline)
            {
                await Screenshots.TakeAsync(page, "aspire-order-trace-incomplete");
                Assert.Fail($"the trace of order {order.Id} at {page.Url} lacks [{string.Join(", ", missing)}]: {text[..Math.Min(text.Length, 3000)]}");
            }

            await Task.Delay(1000);
        }

        foreach (var service in new[] { "orders", "products", "payments" })
        {
            await Expect(page.GetByText(service, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await Screenshots.TakeAsync(page, "aspire-order-trace");

        // Opening the spans shows their kinds: the first "MSG redis mart.orders" is Orders' producer, the second Products' consumer.
        await page.GetByText("MSG redis mart.orders", new() { Exact = true }).Nth(0).ClickAsync();
        await Expect(page.GetByText("Producer", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.GetByText("MSG redis mart.orders", new() { Exact = true }).Nth(1).ClickAsync();
        await Expect(page.GetByText("Consumer", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }
}
