using System.Globalization;
using OrdersBench;

// Places orders against a running Mart (Orders and Products URLs from the AppHost) at bounded concurrency and prints
// end-to-end throughput and latency. Usage: OrdersBench <ordersUrl> <productsUrl> <orders per run> <concurrency>...
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: OrdersBench <ordersUrl> <productsUrl> <orders per run> <concurrency> [<concurrency>...]");
    return 2;
}

var orders = new Uri(args[0]);
var products = new Uri(args[1]);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var levels = args[3..].Select(level => int.Parse(level, CultureInfo.InvariantCulture)).ToArray();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(60) };
var bench = new Bench(http, orders, products);
var catalog = await bench.CreateCatalogAsync(productCount: 20, onHand: 100_000_000);

Console.Error.WriteLine("Warming up...");
await bench.RunAsync(catalog, Math.Min(100, count), concurrency: 8);

var results = new List<ScenarioResult>();
foreach (var concurrency in levels)
{
    Console.Error.WriteLine($"Placing {count} orders, {concurrency} at a time...");
    results.Add(await bench.RunAsync(catalog, count, concurrency));
}

Console.WriteLine("| concurrency | orders | completed | errors | completed end-to-end / s | POST /orders p50 (ms) | POST /orders p99 (ms) | placed → completed p50 (ms) | placed → completed p99 (ms) | stock leg p50 (ms) | payment leg p50 (ms) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Concurrency} | {r.Orders} | {r.Completed} | {r.Failed} | {r.CompletedPerSecond:0.0} | {r.PostP50:0.0} | {r.PostP99:0.0} | {r.PlacedToCompletedP50:0} | {r.PlacedToCompletedP99:0} | {r.PlacedToReservedP50:0} | {r.ReservedToCompletedP50:0} |"));
}

return results.All(r => r.Failed == 0 && r.Completed == r.Orders) ? 0 : 1;
