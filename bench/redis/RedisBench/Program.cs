using System.Diagnostics;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

// Usage: RedisBench <connection string> <clients> <requests> <op>...   (ops: set, get, xadd)
// Prints "<op> <ops per second>" per op, mirroring redis-benchmark's default keys and 3-byte values.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: RedisBench <connection string> <clients> <requests> <op>...");
    return 2;
}

var clients = int.Parse(args[1], CultureInfo.InvariantCulture);
var requests = int.Parse(args[2], CultureInfo.InvariantCulture);
// One multiplexer shared by every caller, as a service has it from AddRedisClient.
await using var connection = await ConnectionMultiplexer.ConnectAsync(args[0]);
var redis = connection.GetDatabase();
await redis.PingAsync();

var value = (RedisValue)Encoding.ASCII.GetBytes("xxx");
NameValueEntry[] fields = [new("field", value)];
var operations = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["set"] = () => redis.StringSetAsync("key:__rand_int__", value),
    ["get"] = () => redis.StringGetAsync("key:__rand_int__"),
    ["xadd"] = () => redis.StreamAddAsync("mart:bench:stream", fields, maxLength: 100_000, useApproximateMaxLength: true),
};

foreach (var name in args.Skip(3))
{
    var operation = operations[name];

    // Warm-up: JIT, tiering and the connection's buffers.
    await RunAsync(operation, clients, Math.Min(requests, 20_000));
    var elapsed = await RunAsync(operation, clients, requests);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.ToUpperInvariant()} {requests / elapsed.TotalSeconds:0}"));
}

return 0;

// Runs `total` operations spread over `clients` concurrent callers, each awaiting its previous command
// before sending the next, as redis-benchmark's clients do without -P.
static async Task<TimeSpan> RunAsync(Func<Task> operation, int clients, int total)
{
    var remaining = total;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            await operation();
        }
    })));
    return clock.Elapsed;
}
