using System.Globalization;
using Mart.Tests.Infrastructure.Identity;
using OrdersBench;
using StackExchange.Redis;

// Places orders against a running Mart (the Orders, Products and Identity processes' URLs, and Redis's connection
// string, from the AppHost) at bounded concurrency, with real tokens, and prints end-to-end throughput and latency.
// Usage: OrdersBench <ordersUrl> <productsUrl> <redis> <identityUrl> <adminPassword> <orders per run> <concurrency>...
if (args.Length < 7)
{
    Console.Error.WriteLine("usage: OrdersBench <ordersUrl> <productsUrl> <redis> <identityUrl> <adminPassword> <orders per run> <concurrency> [<concurrency>...]");
    return 2;
}

var orders = new Uri(args[0]);
var products = new Uri(args[1]);
var count = int.Parse(args[5], CultureInfo.InvariantCulture);
var levels = args[6..].Select(level => int.Parse(level, CultureInfo.InvariantCulture)).ToArray();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(60) };
await using var redis = await ConnectionMultiplexer.ConnectAsync(args[2]);
using var identity = new IdentityClient(new Uri(args[3]));
var admin = await identity.SignInAsync(IdentityClient.AdminEmail, args[4], "openid", "catalog");
var bench = new Bench(http, orders, products, new OrderStreamWatch(redis), identity, admin.AccessToken);
var catalog = await bench.CreateCatalogAsync(productCount: 20, onHand: 100_000_000);

// Until the services' hot paths are compiled at their final tier (tiered JIT) the pipeline runs at half speed or less;
// measured here: a fresh system's first 1,000 orders. The warm-up is not counted.
var warmUp = int.Parse(Environment.GetEnvironmentVariable("MART_BENCH_WARMUP") ?? "1000", CultureInfo.InvariantCulture);
Console.Error.WriteLine($"Warming up with {warmUp} orders...");
await bench.RunAsync(catalog, await bench.NewCustomerAsync(), warmUp, concurrency: 16);

var results = new List<ScenarioResult>();
var cpu = new Dictionary<ScenarioResult, (Dictionary<string, double> ByPart, double Total)>(ReferenceEqualityComparer.Instance);
async Task<ScenarioResult> MeasureAsync(Func<Task<ScenarioResult>> run)
{
    var before = CpuSample.Supported ? CpuSample.Take() : null;
    var result = await run();
    if (before is not null)
    {
        cpu[result] = CpuSample.PerOrder(before, CpuSample.Take(), result.Orders);
    }

    return result;
}

foreach (var concurrency in levels)
{
    Console.Error.WriteLine($"Placing {count} orders, {concurrency} at a time...");
    var customer = await bench.NewCustomerAsync();
    results.Add(await MeasureAsync(() => bench.RunAsync(catalog, customer, count, concurrency)));
}

// One order at a time, each placed once the previous completed: the hops' latency with no queue in front of them.
var pacedCount = Math.Min(100, count);
Console.Error.WriteLine($"Placing {pacedCount} orders, each after the previous completed...");
var pacedCustomer = await bench.NewCustomerAsync();
var pacedRun = await MeasureAsync(() => bench.RunAsync(catalog, pacedCustomer, pacedCount, concurrency: 1, paced: true));

Console.WriteLine("| concurrency | orders | completed | errors | completed end-to-end / s | POST /orders p50 (ms) | POST /orders p99 (ms) | placed → completed p50 (ms) | placed → completed p99 (ms) | stock leg p50 (ms) | payment leg p50 (ms) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results.Prepend(pacedRun))
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Concurrency}{(r.Paced ? ", paced" : string.Empty)} | {r.Orders} | {r.Completed} | {r.Failed} | {r.CompletedPerSecond:0.0} | {r.PostP50:0.0} | {r.PostP99:0.0} | {r.PlacedToCompletedP50:0} | {r.PlacedToCompletedP99:0} | {r.PlacedToReservedP50:0} | {r.ReservedToCompletedP50:0} |"));
}

// Where the CPU went: milliseconds per order of the machine (busy, all cores) and of each part, from the run's first
// placement until Products had settled its last order (the bench's own polling included, under "bench" and the services).
if (cpu.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"| CPU ms per order | machine | {string.Join(" | ", CpuSample.Parts)} |");
    Console.WriteLine($"|---|---|{string.Concat(CpuSample.Parts.Select(_ => "---|"))}");
    foreach (var r in results.Prepend(pacedRun).Where(cpu.ContainsKey))
    {
        var (byPart, total) = cpu[r];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {r.Concurrency}{(r.Paced ? ", paced" : string.Empty)} | {total:0.00} | {string.Join(" | ", CpuSample.Parts.Select(part => byPart[part].ToString("0.00", CultureInfo.InvariantCulture)))} |"));
    }
}

// The figures the throughput goals are stated in: the best completed/s under saturation (16 or more in flight; the
// highest level when none is that high) and the placed -> completed p50 with one order in flight (the paced row). The
// closed loop at concurrency 1 is not that: it places the next order as soon as the POST is answered, long before
// the order completes, so several are in flight and it measures the queue wherever placing outruns the pipeline.
var saturated = results.Where(r => r.Concurrency >= 16).DefaultIfEmpty(results.MaxBy(r => r.Concurrency)!);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"RESULT completed_per_s={saturated.Max(r => r!.CompletedPerSecond):0.0} idle_p50_ms={pacedRun.PlacedToCompletedP50:0}"));

return results.Append(pacedRun).All(r => r.Failed == 0 && r.Completed == r.Orders) ? 0 : 1;
