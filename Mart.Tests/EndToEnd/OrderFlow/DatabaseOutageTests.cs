using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// PostgreSQL stopped under the running system: every service answers 503 with <c>Retry-After</c> within seconds,
/// reads included, and what it did accept is applied exactly once when the database is back.
/// </summary>
[Collection("orderflow")]
public sealed class DatabaseOutageTests(OrderFlowFixture fixture)
{
    /// <summary>A request during the outage must be answered well within this; Aspire's default retrying took a minute.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private DistributedApplication App => fixture.App;

    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task Stopped_during_a_burst_of_stock_adjustments_and_orders_it_answers_503_quickly_and_every_accepted_write_counts_once()
    {
        const int initialStock = 1000;
        var stocked = await Client.CreateProductAsync(onHand: initialStock);
        var ordered = await Client.CreateProductAsync(onHand: 100_000, price: 1.00m);
        var customer = await Client.NewCustomerAsync();
        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();

        var burst = new[]
        {
            Task.Run(() => AdjustUntilAsync(stocked.Id, seed: 1, answers, stop.Token)),
            Task.Run(() => AdjustUntilAsync(stocked.Id, seed: 2, answers, stop.Token)),
            Task.Run(() => OrderUntilAsync(customer, ordered.Id, answers, stop.Token)),
            Task.Run(() => OrderUntilAsync(customer, ordered.Id, answers, stop.Token)),
        };
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await StopPostgresAsync();
            await Task.Delay(TimeSpan.FromSeconds(8));
            await StartPostgresAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(burst);
        }

        var all = answers.ToList();
        var unexpected = all.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, "Answers other than success or 503: " + string.Join("; ", unexpected.Take(5)));
        Assert.Contains(all, a => a.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.True(a.RetryAfter > TimeSpan.Zero, $"503 without Retry-After: {a}"));
        var slow = all.Where(a => a.Took > Prompt).ToList();
        Assert.True(slow.Count == 0, $"{slow.Count} answer(s) slower than {Prompt}: " + string.Join("; ", slow.Take(5)));

        // Each request's reason names it in the ledger. A write whose COMMIT the outage itself cut, and whose check could
        // not reach the database within the bound, went through but was answered 503: only a 503 may hide one, and it
        // counts once like every other.
        var adjustments = all.Where(a => a.Kind == "adjust" && a.Status == HttpStatusCode.OK).ToList();
        var ledger = await LedgerAsync(stocked.Id);
        Assert.NotEmpty(adjustments);
        Assert.All(ledger, row => Assert.True(row.Value.Count == 1, $"'{row.Key}' applied {row.Value.Count} times"));
        Assert.All(adjustments, a => Assert.True(ledger.ContainsKey(a.Tag!), $"accepted '{a.Tag}' is not in the ledger"));
        var unanswered = ledger.Keys.Except(adjustments.Select(a => a.Tag!)).ToList();
        Assert.All(unanswered, tag => Assert.Equal(HttpStatusCode.ServiceUnavailable, all.Single(a => a.Tag == tag).Status));
        var onHand = (await Client.StockAsync(stocked.Id)).OnHand;
        Assert.Equal(initialStock + ledger.Values.Sum(row => row.Delta), onHand);
        Assert.Equal(initialStock + adjustments.Sum(a => a.Delta) + unanswered.Sum(tag => ledger[tag].Delta), onHand);

        var orders = all.Where(a => a.Kind == "order" && a.Status == HttpStatusCode.Created).ToList();
        var refusedOrders = all.Count(a => a.Kind == "order" && a.Status == HttpStatusCode.ServiceUnavailable);
        var stored = await OrdersOfAsync(customer.Id);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Contains(o.OrderId!.Value, stored));
        Assert.Equal(orders.Count, orders.Select(o => o.OrderId).Distinct().Count());
        Assert.InRange(stored.Count - orders.Count, 0, refusedOrders);
    }

    [Fact]
    public async Task Stopped_it_answers_every_read_with_503_and_Retry_After_in_seconds_market_history_included()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var customer = await Client.NewCustomerAsync();
        var placed = await Client.PlaceAsync(customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");
        using var market = App.CreateHttpClient("market");

        // Never read through the API before, so no cache can answer for the database.
        var unread = await Client.CreateProductAsync(onHand: 1);
        (HttpClient Client, string Path)[] reads =
        [
            (Client.Products, $"/products/{unread.Id}"),
            (Client.Products, "/products?limit=5"),
            (Client.Orders, $"/orders/{placed.Id}"),
            (Client.Orders, $"/orders?customerId={customer.Id}"),
            (Client.Payments, $"/payments?orderId={placed.Id}"),
            (market, "/market/quote/history?symbol=AAPL"),
        ];

        await StopPostgresAsync();
        try
        {
            foreach (var (client, path) in reads)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                watch.Stop();

                await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"GET {path}: Retry-After {response.Headers.RetryAfter}");
                Assert.True(watch.Elapsed < Prompt, $"GET {path} took {watch.Elapsed}");
            }
        }
        finally
        {
            await StartPostgresAsync();
        }

        using var history = await market.GetAsync("/market/quote/history?symbol=AAPL");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("completed", (await Client.GetOrderAsync(placed.Id)).Status);
    }

    private async Task StopPostgresAsync()
    {
        await App.ResourceCommands.StopResourceAsync("postgres");
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceNotifications.WaitForResourceAsync("postgres", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
    }

    private async Task StartPostgresAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceCommands.StartResourceAsync("postgres", timeout.Token);
        foreach (var resource in new[] { "postgres", "productsdb", "ordersdb", "paymentsdb", "marketdb" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }

        // This process's own pooled connections died with the server.
        NpgsqlConnection.ClearAllPools();
    }

    private async Task<Dictionary<string, (int Count, int Delta)>> LedgerAsync(Guid productId)
    {
        await using var connection = new NpgsqlConnection(Client.ProductsDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT reason, count(*)::int, sum(delta)::int FROM stock_adjustments WHERE product_id = $1 GROUP BY reason", connection);
        command.Parameters.AddWithValue(productId);
        await using var reader = await command.ExecuteReaderAsync();
        var ledger = new Dictionary<string, (int Count, int Delta)>();
        while (await reader.ReadAsync())
        {
            ledger[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return ledger;
    }

    private async Task<HashSet<Guid>> OrdersOfAsync(string customer)
    {
        await using var connection = new NpgsqlConnection(Client.OrdersDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM orders WHERE customer_id = $1", connection);
        command.Parameters.AddWithValue(customer);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task AdjustUntilAsync(Guid productId, int seed, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        var random = new Random(seed);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            // Never zero, and never enough removals to reach what is reserved (nothing is).
            var delta = random.Next(1, 6) * (random.Next(3) == 0 ? -1 : 1);
            var reason = $"burst {seed}-{n}";
            answers.Enqueue(await SendAsync("adjust", reason, delta, () => Client.Products.PostAsJsonAsync(
                $"/products/{productId}/stock", new { delta, reason })));
        }
    }

    private async Task OrderUntilAsync(Caller customer, Guid productId, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            answers.Enqueue(await SendAsync("order", null, 0, () => Client.PostOrderAsync(OrderFlowClient.OrderBody("tok_visa", (productId, 1)), customer: customer)));
        }
    }

    /// <summary>One request, timed; an answer that does not come within twice <see cref="Prompt"/> is recorded as none (status 0).</summary>
    private static async Task<Answer> SendAsync(string kind, string? tag, int delta, Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var sending = send();
        if (await Task.WhenAny(sending, Task.Delay(Prompt * 2)) != sending)
        {
            _ = sending.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        t.Result.Dispose();
                    }
                },
                TaskScheduler.Default);
            return new Answer(kind, tag, 0, watch.Elapsed, null, delta, null);
        }

        using var response = await sending;
        var took = watch.Elapsed;
        Guid? orderId = null;
        if (response.StatusCode == HttpStatusCode.Created)
        {
            orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }

        return new Answer(kind, tag, response.StatusCode, took, response.Headers.RetryAfter?.Delta, delta, orderId);
    }

    private sealed record Answer(string Kind, string? Tag, HttpStatusCode Status, TimeSpan Took, TimeSpan? RetryAfter, int Delta, Guid? OrderId);
}
