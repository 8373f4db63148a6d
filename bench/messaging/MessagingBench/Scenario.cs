using Mart.Data;
using System.Diagnostics;
using Mart.Contracts;
using Mart.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MessagingBench;

/// <summary>
/// One measured run: a service host that publishes to its own stream and consumes it, producers committing
/// events through the outbox, and a wait until every event was handled.
/// </summary>
/// <param name="Name">Row label.</param>
/// <param name="Events">Events to publish.</param>
/// <param name="EventsPerCommit">Events enqueued per SaveChanges.</param>
/// <param name="Producers">Concurrent producers.</param>
/// <param name="CommitsPerSecond">Pace of each producer; <see langword="null"/> = as fast as it can (saturation).</param>
internal sealed record Scenario(string Name, int Events, int EventsPerCommit, int Producers, double? CommitsPerSecond = null)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public async Task<ScenarioResult> RunAsync(LocalServers servers, string databaseConnectionString, CancellationToken cancellationToken)
    {
        var book = new LatencyBook();
        var service = "bench" + Guid.NewGuid().ToString("N")[..8];
        using var host = BuildHost(servers, databaseConnectionString, service, book);
        await host.StartAsync(cancellationToken);
        try
        {
            // Warm-up: JIT, connection pools, the consumer group.
            await PublishAndWaitAsync(host, book, Math.Min(200, Events), cancellationToken);
            book.Clear();

            await PublishAndWaitAsync(host, book, Events, cancellationToken);
            return book.Summarize(Name);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task PublishAndWaitAsync(IHost host, LatencyBook book, int events, CancellationToken cancellationToken)
    {
        var perProducer = events / Producers;
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => Task.Run(() => ProduceAsync(host.Services, book, perProducer, cancellationToken), cancellationToken)));

        var waited = Stopwatch.StartNew();
        while (book.HandledCount < perProducer * Producers)
        {
            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"{Name}: only {book.HandledCount} of {perProducer * Producers} events were handled within {Patience}.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private async Task ProduceAsync(IServiceProvider services, LatencyBook book, int events, CancellationToken cancellationToken)
    {
        var outbox = services.GetRequiredService<IOutbox>();
        var started = Stopwatch.GetTimestamp();
        var commits = 0;
        for (var sent = 0; sent < events; sent += EventsPerCommit)
        {
            if (CommitsPerSecond is { } pace)
            {
                var due = TimeSpan.FromSeconds(commits++ / pace) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            var ids = new List<Guid>(EventsPerCommit);
            for (var i = 0; i < Math.Min(EventsPerCommit, events - sent); i++)
            {
                ids.Add(outbox.Enqueue(db, new ProductCreated { ProductId = $"p{sent + i}", Name = "bench", Price = Money.FromDecimal(9.99m, "EUR") }).Id);
            }

            // Latency runs from the moment the producer asks to commit, so the commit itself is included.
            var committing = Stopwatch.GetTimestamp();
            foreach (var id in ids)
            {
                book.Committing(id, committing);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static IHost BuildHost(LocalServers servers, string databaseConnectionString, string service, LatencyBook book)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = service });
        builder.Configuration["ConnectionStrings:db"] = databaseConnectionString;
        builder.Configuration["ConnectionStrings:redis"] = servers.RedisConnectionString;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddNpgsqlDbContext<BenchDbContext>("db");
        builder.AddSqlMigrations<BenchDbContext>();
        builder.AddRedisClient("redis");
        builder.AddMartMessaging<BenchDbContext>(service, options => options.ConsumerName = "bench-1");
        builder.AddEventHandler<ProductCreated, BenchHandler>(StreamNames.ForService(service));
        builder.Services.AddSingleton(book);
        return builder.Build();
    }
}
