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
        await Expect(page.GetByText("stream.length").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("stream.dead-letters").First).ToBeVisibleAsync();
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
            Content = JsonContent.Create(OrderFlowClient.OrderBody(OrderFlowClient.NewCustomer(), "tok_visa", (product.Id, 1))),
        };
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
        string[] expected = ["create mart.orders", "process mart.orders", "create mart.products", "process mart.products", "create mart.payments", "process mart.payments"];
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

            Assert.True(DateTime.UtcNow < deadline, $"the trace of order {order.Id} lacks [{string.Join(", ", missing)}]");
            await Task.Delay(1000);
        }

        foreach (var service in new[] { "orders", "products", "payments" })
        {
            await Expect(page.GetByText(service, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await Screenshots.TakeAsync(page, "aspire-order-trace");

        // Opening the spans shows their kinds: the producer's and the consumer's.
        await page.GetByText("create mart.orders").First.ClickAsync();
        await Expect(page.GetByText("Producer", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.GetByText("process mart.orders").First.ClickAsync();
        await Expect(page.GetByText("Consumer", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }
}
