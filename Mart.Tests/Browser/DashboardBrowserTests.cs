using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mart.Tests.Infrastructure;
using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.ServiceDefaults.Messaging;
using Mart.Tests.EndToEnd;
using Mart.Tests.EndToEnd.OrderFlow;
using Mart.Tests.Integration.Dashboard;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mart.Tests.Browser;

/// <summary>The dashboard in a real browser, over the whole system (the end-to-end tests' application).</summary>
[Collection("app")]
public sealed class DashboardBrowserTests(MartAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Patiently = new() { Timeout = 30_000 };

    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Every_page_loads_and_fills_without_a_javascript_error()
    {
        var traceId = await CrossServiceTrace.CreateAsync(App);
        await using (var redis = await ConnectRedisAsync())
        {
            await DeadLetters.WriteOrderPlacedAsync(redis.Database, "order-screenshot", $"00-{traceId}-00f067aa0ba902b7-01");
        }

        await using var context = await browser.NewContextAsync(App.DashboardUri);
        var pages = new (string Name, string Path, string Filled)[]
        {
            ("resources", "/", "tr[data-resource='orders'] td.state:has-text('Running')"),
            ("console-logs", "/consolelogs?resource=orders", "#console .line"),
            ("structured-logs", "/structuredlogs", "tr.log"),
            ("traces", "/traces", $"tr.trace[data-trace-id='{traceId}']"),
            ("trace-detail", $"/traces/detail/{traceId}", ".span-row[data-service='payments']"),
            ("metrics", "/metrics?service=orders&meter=Microsoft.AspNetCore.Hosting&name=http.server.request.duration&minutes=1", "svg.chart polyline"),
            ("events", "/events", ".dead-letter"),
        };
        foreach (var (name, path, filled) in pages)
        {
            var page = await context.NewPageAsync();
            var errors = new PageErrors(page);
            await page.GotoAsync(path);
            await Expect(page.Locator(filled).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Screenshots.TakeAsync(page, name);
            Assert.True(errors.Snapshot().Count == 0, $"{path}: {string.Join(Environment.NewLine, errors.Snapshot())}");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Resources_shows_the_four_services_running_with_their_environment_and_secrets_masked()
    {
        await using var context = await browser.NewContextAsync(App.DashboardUri);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        foreach (var service in MartAppFixture.Services)
        {
            var row = page.Locator($"tr[data-resource='{service}']");
            await Expect(row.Locator("td.state")).ToHaveTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(row.Locator("td.health")).ToHaveTextAsync("Healthy");
            await Expect(row.Locator("a")).ToHaveAttributeAsync("href", new Regex("^http://localhost:\\d+$"));
        }

        await page.Locator("tr[data-resource='orders'] td").First.ClickAsync();
        var environment = page.Locator("dl.environment");
        await Expect(environment.Locator("dt", new() { HasTextString = "services__products__http__0" })).ToHaveCountAsync(1, Patiently);
        await Expect(environment.Locator("dd.masked")).Not.ToHaveCountAsync(0);
        var password = (await App.GetConnectionStringAsync("ordersdb"))!.Split("Password=")[1].Split(';')[0];
        Assert.DoesNotContain(password, await page.ContentAsync());
    }

    /// <summary>A caller's trace context is honoured by every service: a storefront's calls nest under its spans.</summary>
    [Fact]
    public async Task A_trace_across_services_shows_every_service_in_its_waterfall()
    {
        var traceId = await CrossServiceTrace.CreateAsync(App);

        await using var context = await browser.NewContextAsync(App.DashboardUri);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/traces?service=orders");
        await page.Locator($"tr.trace[data-trace-id='{traceId}'] a").ClickAsync(new() { Timeout = 30_000 });

        await page.WaitForURLAsync($"**/traces/detail/{traceId}");
        foreach (var service in CrossServiceTrace.Services.Append(CrossServiceTrace.Storefront))
        {
            await Expect(page.Locator($".span-row[data-service='{service}']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        // Each service's server span hangs under the storefront's client span that called it.
        foreach (var service in CrossServiceTrace.Services)
        {
            await Expect(page.Locator($".span-row[data-service='{service}'][data-kind='Server'][data-depth='2']")).ToHaveCountAsync(1);
        }

        await page.Locator(".span-row[data-service='orders'][data-kind='Server']").ClickAsync();
        await Expect(page.Locator("#span-details")).ToContainTextAsync("/openapi/v1.json");
    }

    [Fact]
    public async Task Placing_an_order_produces_a_trace_whose_waterfall_holds_orders_products_and_payments()
    {
        using var flow = await OrderFlowClient.CreateAsync(App);
        var product = await flow.CreateProductAsync(onHand: 5);

        // The order is placed under a trace id the test chooses, so the dashboard's trace can be opened directly.
        var traceId = ActivityTraceId.CreateRandom();
        using var orders = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = App.GetEndpoint("orders"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(OrderFlowClient.OrderBody(OrderFlowClient.NewCustomer(), "tok_visa", (product.Id, 1))),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var placed = await orders.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<OrderJson>(OrderFlowClient.Json);
        await flow.WaitForStatusAsync(order!.Id, "completed");

        await using var context = await browser.NewContextAsync(App.DashboardUri);
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);
        string[] services = ["orders", "products", "payments"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GotoAsync($"/traces/detail/{traceId.ToHexString()}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var present = new List<string>();
            foreach (var service in services)
            {
                if (await page.Locator($".span-row[data-service='{service}']").CountAsync() > 0)
                {
                    present.Add(service);
                }
            }

            if (present.Count == services.Length)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the trace of order {order.Id} shows only [{string.Join(", ", present)}]");
            await Task.Delay(500);
        }

        // The flow crosses services through events: messaging spans are part of the waterfall.
        await Expect(page.Locator(".span-row[data-kind='Producer']").First).ToBeVisibleAsync();
        await Expect(page.Locator(".span-row[data-kind='Consumer']").First).ToBeVisibleAsync();
        Assert.Empty(errors.Snapshot());
    }

    [Fact]
    public async Task A_dead_letter_appears_on_events_with_its_payload_and_replays()
    {
        var orderId = "order-" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectRedisAsync();
        var (entryId, eventId) = await DeadLetters.WriteOrderPlacedAsync(redis.Database, orderId, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        await using var context = await browser.NewContextAsync(App.DashboardUri);
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync("/events");
        var card = page.Locator($".dead-letter[data-id='{entryId}']");
        await Expect(card).ToContainTextAsync(orderId, new() { Timeout = 30_000 });
        await Expect(card).ToContainTextAsync("order.placed.v1");
        await Expect(card).ToContainTextAsync("Espresso beans");

        await card.Locator("button.replay").ClickAsync();
        await Expect(card.Locator(".replayed")).ToBeVisibleAsync();

        var replayed = (await redis.StreamRangeAsync(StreamNames.Orders)).Where(e => e.GetString(EventFields.Id) == eventId.ToString("D")).ToList();
        Assert.Single(replayed);
        Assert.Null(replayed[0].GetString(EventFields.Error));
        Assert.Empty(await redis.StreamRangeAsync(StreamNames.DeadLetters(StreamNames.Orders), entryId, entryId));
        await Expect(page.Locator($".dead-letter[data-id='{entryId}']")).ToHaveCountAsync(0, Patiently);
        Assert.Empty(errors.Snapshot());
    }

    private async Task<TestRedis> ConnectRedisAsync() => await TestRedis.ConnectAsync((await App.GetConnectionStringAsync("redis"))!);
}
