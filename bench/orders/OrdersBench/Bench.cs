using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;

namespace OrdersBench;

/// <summary>
/// One measured run: place orders at a fixed concurrency, wait until they are all settled, read their histories. Each
/// run is one new customer's, signed in through the identity service; the catalog is made by the admin.
/// </summary>
internal sealed class Bench(HttpClient http, Uri orders, Uri products, OrderStreamWatch orderStream, IdentityClient identity, string adminToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The statuses an order has not settled in yet.</summary>
    private static readonly string[] OpenStatuses = ["pending", "awaiting_payment", "refund_pending"];

    public async Task<Guid[]> CreateCatalogAsync(int productCount, int onHand)
    {
        var ids = new Guid[productCount];
        for (var i = 0; i < productCount; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(products, "/products"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            request.Content = JsonContent.Create(new
            {
                sku = $"BENCH-{Guid.NewGuid():N}".ToUpperInvariant(),
                name = $"Bench product {i}",
                description = "Created by bench/orders.",
                price = 9.99m + i,
                currency = "EUR",
                onHand,
            });
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            ids[i] = (await response.Content.ReadFromJsonAsync<CreatedProduct>(Json))!.Id;
        }

        return ids;
    }

    /// <param name="paced">Place the next order only once the previous one completed (with concurrency 1: the latency of
    /// an otherwise idle system, no queue in front of the pipeline).</param>
    /// <param name="customer">Whose orders these are: <see cref="NewCustomerAsync"/>, signed in before the run so the
    /// sign-in is not counted in it.</param>
    public async Task<ScenarioResult> RunAsync(Guid[] catalog, AuthenticationHeaderValue customer, int count, int concurrency, bool paced = false)
    {
        var postLatencies = new ConcurrentBag<double>();
        var failures = 0;
        var next = -1;

        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) < count)
            {
                // One to three distinct products per order, one unit each.
                var lines = Random.Shared.GetItems(catalog, Random.Shared.Next(1, 4)).Distinct()
                    .Select(id => new { productId = id, quantity = 1 });
                var streamBefore = paced ? await orderStream.NewestIdAsync() : null;
                var clock = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(orders, "/orders"))
                {
                    Content = JsonContent.Create(new { currency = "EUR", items = lines, paymentToken = "tok_visa" }),
                };
                request.Headers.Authorization = customer;
                using var response = await http.SendAsync(request);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    postLatencies.Add(elapsed);
                    if (paced)
                    {
                        await WaitUntilFinalAsync(customer, response.Headers.Location!, streamBefore!);
                    }
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"POST /orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        var streamAtStart = await orderStream.NewestIdAsync();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var placed = postLatencies.Count;

        // Each level starts drained, so the order.completed entries after its start are its own. Should some order end
        // otherwise, the wait gives up after a quiet spell and the polling below finds out.
        if (!paced)
        {
            await orderStream.WaitForAsync(streamAtStart, "order.completed.v1", placed, quiet: TimeSpan.FromSeconds(5));
        }

        var settled = await WaitUntilSettledAsync(customer, placed);
        await WaitUntilStockSettledAsync(catalog);

        var completed = settled.Where(order => order.Status == "completed").ToList();
        var toCompleted = Leg(completed, "pending", "completed");
        var toReserved = Leg(completed, "pending", "awaiting_payment");
        var toPaid = Leg(completed, "awaiting_payment", "completed");
        var posts = postLatencies.Order().ToList();
        var window = completed.Count == 0
            ? TimeSpan.Zero
            : completed.Max(order => order.History.Single(h => h.Status == "completed").At) - settled.Min(order => order.History.Single(h => h.Status == "pending").At);
        return new ScenarioResult(
            placed,
            concurrency,
            paced,
            completed.Count,
            failures,
            window > TimeSpan.Zero ? completed.Count / window.TotalSeconds : 0,
            Percentiles.Of(posts, 50),
            Percentiles.Of(posts, 99),
            Percentiles.Of(toCompleted, 50),
            Percentiles.Of(toCompleted, 99),
            Percentiles.Of(toReserved, 50),
            Percentiles.Of(toPaid, 50));
    }

    /// <summary>
    /// Waits until the order is in a final status, asking Orders once each time <c>mart.orders</c> grows after
    /// <paramref name="streamBefore"/> (its id before the order was placed), and at least every 100 ms (a rejected order
    /// adds no entry).
    /// </summary>
    private async Task WaitUntilFinalAsync(AuthenticationHeaderValue customer, Uri order, string streamBefore)
    {
        var streamWait = TimeSpan.FromMilliseconds(100);
        var seen = await orderStream.WaitAfterAsync(streamBefore, streamWait);
        var status = string.Empty;
        await PollUntilAsync(
            async () =>
            {
                status = (await GetAsync<ListedOrder>(new Uri(orders, order), customer)).Status;
                return !OpenStatuses.Contains(status);
            },
            async () => seen = await orderStream.WaitAfterAsync(seen, streamWait),
            () => $"{order} still {status}");
    }

    /// <summary>Asks <paramref name="done"/> every <paramref name="interval"/> until it says yes; gives up after <see cref="SettleTimeout"/>.</summary>
    private static Task PollUntilAsync(Func<Task<bool>> done, TimeSpan interval, Func<string> stillOpen) =>
        PollUntilAsync(done, () => Task.Delay(interval), stillOpen);

    /// <summary>Asks <paramref name="done"/>, then <paramref name="pause"/>s, until it says yes; gives up after <see cref="SettleTimeout"/>.</summary>
    private static async Task PollUntilAsync(Func<Task<bool>> done, Func<Task> pause, Func<string> stillOpen)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{stillOpen()} after {SettleTimeout}.");
            }

            await pause();
        }
    }

    /// <summary>Milliseconds between two statuses of each order's history, ascending.</summary>
    private static List<double> Leg(IEnumerable<ListedOrder> orders, string from, string to) =>
        [.. orders
            .Select(order => (order.History.Single(h => h.Status == to).At - order.History.Single(h => h.Status == from).At).TotalMilliseconds)
            .Order()];

    /// <summary>
    /// Waits until none of the customer's orders is in an open status, then reads them all once. Called once the stream
    /// says every order completed, it normally asks once; each ask reads the customer's orders up to an open one, so
    /// polling with it while the pipeline works would load the system measured.
    /// </summary>
    private async Task<List<ListedOrder>> WaitUntilSettledAsync(AuthenticationHeaderValue customer, int expected)
    {
        var all = new List<ListedOrder>();
        await PollUntilAsync(
            async () =>
            {
                foreach (var status in OpenStatuses)
                {
                    var page = await GetAsync<OrderPage>(new Uri(orders, $"/orders?status={status}&limit=1"), customer);
                    if (page.Items.Count > 0)
                    {
                        return false;
                    }
                }

                all = await ListAsync(customer);
                return all.Count >= expected;
            },
            TimeSpan.FromMilliseconds(100),
            () => "Orders still open");
        return all;
    }

    /// <summary>
    /// Waits until no unit of the catalog is reserved any more: Products has handled every event of the run, including
    /// the order.completed events that come after an order shows completed. Without this the next run would start
    /// behind the previous one's backlog in mart.orders and measure its queue. Not part of the measured window.
    /// </summary>
    private Task WaitUntilStockSettledAsync(Guid[] catalog)
    {
        var reserved = 0;
        return PollUntilAsync(
            async () =>
            {
                reserved = 0;
                foreach (var id in catalog)
                {
                    reserved += (await http.GetFromJsonAsync<CatalogStock>(new Uri(products, $"/products/{id}"), Json))!.Reserved;
                }

                return reserved == 0;
            },
            TimeSpan.FromMilliseconds(100),
            () => $"{reserved} units of the catalog still reserved");
    }

    private async Task<List<ListedOrder>> ListAsync(AuthenticationHeaderValue customer)
    {
        var all = new List<ListedOrder>();
        string? cursor = null;
        do
        {
            var query = "/orders?limit=100" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync<OrderPage>(new Uri(orders, query), customer);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>A customer of their own for each run, so listing their orders finds that run's alone.</summary>
    public async Task<AuthenticationHeaderValue> NewCustomerAsync() =>
        new("Bearer", (await identity.CustomerAsync("orders")).Tokens.AccessToken);

    /// <summary>A GET as <paramref name="caller"/> (the customer lists and reads their own orders).</summary>
    private async Task<T> GetAsync<T>(Uri uri, AuthenticationHeaderValue caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = caller;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}
