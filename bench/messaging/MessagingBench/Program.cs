using System.Globalization;
using MessagingBench;
using Npgsql;

// Usage: MessagingBench [events]   (default 3000 per scenario)
// Starts a private PostgreSQL and redis-server, runs each scenario end to end through Mart's outbox, relay,
// Redis stream and consumer, and prints events per second and commit-to-handled latency percentiles.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// Saturation rows measure throughput (latency there is mostly queueing); the paced row shows latency when the
// pipeline keeps up.
Scenario[] scenarios =
[
    new("paced 100/s, 1 event per commit", Math.Min(events, 1000), EventsPerCommit: 1, Producers: 1, CommitsPerSecond: 100),
    new("saturated, 1 event per commit", events, EventsPerCommit: 1, Producers: 1),
    new("saturated, 1 event/commit, 8 producers", events, EventsPerCommit: 1, Producers: 8),
    new("saturated, 50 events per commit", events, EventsPerCommit: 50, Producers: 1),
];

Console.Error.WriteLine("Starting PostgreSQL and redis-server...");
await using var servers = await LocalServers.StartAsync(stop.Token);
var database = await CreateDatabaseAsync(servers.PostgresConnectionString, stop.Token);

var results = new List<ScenarioResult>();
foreach (var scenario in scenarios)
{
    Console.Error.WriteLine($"Running: {scenario.Name}...");
    results.Add(await scenario.RunAsync(servers, database, stop.Token));
}

Console.WriteLine();
Console.WriteLine($"{servers.Describe}; {Environment.ProcessorCount} CPU(s); latency = SaveChanges call to handler completion");
Console.WriteLine();
Console.WriteLine($"| {"scenario",-40} | {"events",7} | {"events/s",9} | {"p50 ms",8} | {"p99 ms",8} | {"max ms",8} |");
Console.WriteLine($"|{new string('-', 42)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Scenario,-40} | {r.Events,7} | {r.EventsPerSecond,9:0} | {r.P50Ms,8:0.0} | {r.P99Ms,8:0.0} | {r.MaxMs,8:0.0} |"));
}

return 0;

static async Task<string> CreateDatabaseAsync(string serverConnectionString, CancellationToken cancellationToken)
{
    await using (var connection = new NpgsqlConnection(serverConnectionString))
    {
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand("CREATE DATABASE benchdb", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "benchdb" }.ConnectionString;
}
