using System.Text;
using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

[Collection("servers")]
public sealed class OutboxRelayTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Event_committed_while_Redis_is_down_is_delivered_after_it_returns()
    {
        var database = await servers.CreateDatabaseAsync("relay_outage");
        await using var host = await StartAsync(database, subscribe: false);
        var product = MessagingTestNames.Product();

        await servers.StopRedisAsync();
        OutboxMessage row;
        try
        {
            row = (await host.PublishAsync(new ProductCreated { ProductId = product, Name = "Kettle" }))[0];

            // The relay keeps failing and backing off; the row must simply wait.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(await host.IsSentAsync(row.Id));
        }
        finally
        {
            await servers.StartRedisAsync();
        }

        await Eventually.TrueAsync(() => host.IsSentAsync(row.Id), "the relay published the row after Redis came back");
        var entries = await host.RangeAsync(host.Stream);
        var entry = Assert.Single(entries);
        Assert.True(EventEnvelope.TryParse(entry, out var envelope, out var error), error);
        Assert.Equal(row.Id, envelope!.Id);
        Assert.Equal("product.created.v1", envelope.Type);
        Assert.Equal(host.ServiceName, envelope.Source);
        Assert.Equal(product, ProductCreated.Parser.ParseFrom(envelope.Data.Span).ProductId);
    }

    [Fact]
    public async Task Events_reach_the_stream_in_commit_order()
    {
        var database = await servers.CreateDatabaseAsync("relay_order");
        await using var host = await StartAsync(database, subscribe: false);

        // Many rows in one transaction (same millisecond) and several transactions.
        var expected = new List<string>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var i = 0; i < 150; i++)
            {
                var product = $"bulk-{i:000}";
                outbox.Enqueue(db, new ProductCreated { ProductId = product });
                expected.Add(product);
            }

            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 20; i++)
        {
            var product = $"single-{i:000}";
            await host.PublishAsync(new ProductCreated { ProductId = product });
            expected.Add(product);
        }

        await Eventually.TrueAsync(async () => await host.Redis.StreamLengthAsync(host.Stream) == expected.Count, "all events are on the stream");
        var published = (await host.RangeAsync(host.Stream))
            .Select(entry => ProductCreated.Parser.ParseFrom(entry.Fields[EventFields.Data]).ProductId)
            .ToList();
        Assert.Equal(expected, published);
    }

    [Fact]
    public async Task Commit_wakes_the_relay_without_waiting_for_the_poll()
    {
        var database = await servers.CreateDatabaseAsync("relay_signal");

        // Polling and NOTIFY are both out of the picture: only the in-process commit signal can wake the relay in time.
        await using var host = await StartAsync(database, subscribe: false, configure: options =>
        {
            options.Relay.PollInterval = TimeSpan.FromMinutes(5);
            options.Relay.ListenForNotifications = false;
        });
        await Task.Delay(500);

        var saved = (await host.PublishAsync(new ProductCreated { ProductId = MessagingTestNames.Product() }))[0];
        await Eventually.TrueAsync(() => host.IsSentAsync(saved.Id), "SaveChanges woke the relay", TimeSpan.FromSeconds(10));

        // An explicit transaction: the signal must come with its commit.
        var committed = await host.Services.GetRequiredService<IServiceScopeFactory>().InTransactionAsync<MessagingTestDbContext, OutboxMessage>(
            async (db, services, ct) =>
            {
                var row = services.GetRequiredService<IOutbox>().Enqueue(db, new ProductCreated { ProductId = MessagingTestNames.Product() });
                await db.SaveChangesAsync(ct);
                await Task.Delay(700, ct);
                Assert.False(await host.IsSentAsync(row.Id));
                return row;
            },
            CancellationToken.None);

        await Eventually.TrueAsync(() => host.IsSentAsync(committed.Id), "the commit woke the relay", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Insert_by_another_process_wakes_the_relay_through_notify()
    {
        var database = await servers.CreateDatabaseAsync("relay_notify");
        await using var host = await StartAsync(database, subscribe: false, configure: options => options.Relay.PollInterval = TimeSpan.FromMinutes(5));
        await Task.Delay(1000);

        // A plain connection: no interceptor, no in-process signal; only the trigger's NOTIFY reaches the relay.
        var id = Guid.CreateVersion7();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO outbox (id, type, data, occurred_at) VALUES ($1, 'product.created.v1', $2, now())", connection);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Google.Protobuf.MessageExtensions.ToByteArray(new ProductCreated { ProductId = "notify" }) });
            await insert.ExecuteNonQueryAsync();
        }

        await Eventually.TrueAsync(() => host.IsSentAsync(id), "NOTIFY woke the relay", TimeSpan.FromSeconds(10));
        var entry = Assert.Single(await host.RangeAsync(host.Stream));
        Assert.Equal(id.ToString(), Encoding.UTF8.GetString(entry.Fields[EventFields.Id]));
    }

    [Fact]
    public async Task Two_replicas_publish_each_event_once_and_each_replica_in_order()
    {
        var database = await servers.CreateDatabaseAsync("relay_replicas");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        await using var first = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "r1", script, output, subscribe: false);
        await using var second = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "r2", script, output, subscribe: false);

        var expected = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var product = $"r{(i % 2) + 1}-{i:000}";
            await (i % 2 == 0 ? first : second).PublishAsync(new ProductCreated { ProductId = product });
            expected.Add(product);
        }

        await Eventually.TrueAsync(async () => await first.Redis.StreamLengthAsync(first.Stream) >= expected.Count, "all events are on the stream");
        await Task.Delay(1000);
        var published = (await first.RangeAsync(first.Stream))
            .Select(entry => ProductCreated.Parser.ParseFrom(entry.Fields[EventFields.Data]).ProductId)
            .ToList();

        // Exactly once each; per replica in publish order (ids across replicas in one millisecond carry no order).
        Assert.Equal(expected.Order(), published.Order());
        Assert.Equal(expected.Where(p => p.StartsWith("r1-", StringComparison.Ordinal)), published.Where(p => p.StartsWith("r1-", StringComparison.Ordinal)));
        Assert.Equal(expected.Where(p => p.StartsWith("r2-", StringComparison.Ordinal)), published.Where(p => p.StartsWith("r2-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_event_enqueued_but_never_written_fails_the_commit_instead_of_vanishing()
    {
        var database = await servers.CreateDatabaseAsync("relay_unwritten");
        await using var host = await StartAsync(database, subscribe: false);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = outbox.Enqueue(db, new ProductCreated { ProductId = MessagingTestNames.Product() });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        Assert.Contains("never written", refused.Message, StringComparison.Ordinal);
        Assert.False(await host.IsSentAsync(row.Id));
    }

    [Fact]
    public async Task An_event_handed_to_a_SQL_batch_is_written_once_and_published()
    {
        var database = await servers.CreateDatabaseAsync("relay_sql_batch");
        await using var host = await StartAsync(database, subscribe: false);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();

        OutboxMessage row;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            row = outbox.Enqueue(db, new ProductCreated { ProductId = MessagingTestNames.Product() });
            var npgsql = db.CurrentNpgsqlTransaction();
            await using var batch = new NpgsqlBatch(npgsql.Connection, npgsql);
            batch.AddEnqueued(db);
            await batch.ExecuteNonQueryAsync();

            // Written: a later SaveChanges must not insert it again, and the commit goes through.
            Assert.Equal(EntityState.Unchanged, db.Entry(row).State);
            await transaction.CommitAsync();
        }

        await Eventually.TrueAsync(() => host.IsSentAsync(row.Id), "the relay published the row written by the batch", TimeSpan.FromSeconds(10));
        Assert.Single(await host.RangeAsync(host.Stream));
    }

    private Task<MessagingTestHost> StartAsync(string database, bool subscribe, Action<MessagingOptions>? configure = null) =>
        MessagingTestHost.StartAsync(database, servers.RedisConnectionString, MessagingTestNames.Service(), "relay-test", new HandlerScript(), output, configure, subscribe);
}
