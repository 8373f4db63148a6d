using Mart.Contracts;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

/// <summary>
/// Entries that would once hold a stream or vanish from it: a handler stuck on a lock, a consumer away while its
/// stream grows past its length, an entry deleted while a consumer held it.
/// </summary>
[Collection("servers")]
public sealed class StuckAndTrimmedEntriesTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_handler_blocked_on_a_lock_past_the_bound_is_dead_lettered_while_health_shows_the_stall()
    {
        var database = await servers.CreateDatabaseAsync("consumer_stuck");
        var script = new HandlerScript();
        var stuck = MessagingTestNames.Product();
        var later = MessagingTestNames.Product();
        var lockKey = Random.Shared.NextInt64();

        // Another transaction holds the lock the handler needs, for longer than the handler may wait.
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({lockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        script.Step(stuck, (db, _, ct) => db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", ct));
        await using var host = await MessagingTestHost.StartAsync(
            database,
            servers.RedisConnectionString,
            MessagingTestNames.Service(),
            "c1",
            script,
            output,
            options =>
            {
                options.Consumer.HandlerTimeout = TimeSpan.FromSeconds(2);
                options.StallAfter = TimeSpan.FromSeconds(1);
            });
        var health = host.Services.GetRequiredService<HealthCheckService>();

        await host.PublishAsync(new ProductCreated { ProductId = stuck }, new ProductCreated { ProductId = later });

        string? degraded = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var report = await health.CheckHealthAsync();
                degraded = report.Entries.TryGetValue("messaging", out var entry) && entry.Status == HealthStatus.Degraded ? entry.Description : null;
                return degraded is not null;
            },
            "health reports the stuck consumer");
        Assert.Contains(host.Stream, degraded, StringComparison.Ordinal);
        Assert.Contains($"'{host.ServiceName}'", degraded, StringComparison.Ordinal);

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(later) == 1, "the entry after the stuck one is handled", TimeSpan.FromSeconds(45));
        Assert.Equal(0, await host.CountEffectsAsync(stuck));
        var deadLetter = DeadLetter.FromEntry(Assert.Single(await host.RangeAsync(StreamNames.DeadLetters(host.Stream))));
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Contains("took longer than", deadLetter.Error, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await host.PendingAsync() == 0, "every entry is acknowledged");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["messaging"].Status);
    }

    [Fact]
    public async Task Entries_a_group_has_not_acknowledged_are_kept_past_the_length_and_trimmed_once_it_has()
    {
        var database = await servers.CreateDatabaseAsync("consumer_trim");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var products = Enumerable.Range(0, 400).Select(_ => MessagingTestNames.Product()).ToArray();
        Action<MessagingOptions> shortStream = options =>
        {
            options.Relay.StreamMaxLength = 10;
            options.Relay.TrimInterval = TimeSpan.FromMilliseconds(100);
        };

        // The group exists, then its only consumer goes away while the stream grows far past its length.
        await using (var first = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "consumer", script, output, shortStream))
        {
            await Eventually.TrueAsync(async () => await first.Redis.KeyExistsAsync(first.Stream) && (await first.Redis.StreamGroupInfoAsync(first.Stream)).Length == 1, "the group exists");
        }

        await using (var producer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "producer", script, output, shortStream, subscribe: false))
        {
            await producer.PublishCreatedOntoStreamAsync(products);

            // Several trim passes go by; none may take an entry the group has not read.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.True(await producer.Redis.StreamLengthAsync(producer.Stream) >= products.Length, "entries the group never read were trimmed");
        }

        await using var consumer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "consumer", script, output, shortStream);
        await Eventually.TrueAsync(async () => await consumer.CountEffectsAsync(products[^1]) == 1, "the last event is handled");
        foreach (var product in products)
        {
            Assert.Equal(1, await consumer.CountEffectsAsync(product));
        }

        Assert.Equal(0, await consumer.Redis.StreamLengthAsync(StreamNames.DeadLetters(consumer.Stream)));

        // Acknowledged by the one group: now the stream comes back toward its length (Redis trims whole nodes only).
        await Eventually.TrueAsync(async () => await consumer.Redis.StreamLengthAsync(consumer.Stream) < products.Length / 2, "the acknowledged entries are trimmed");
    }

    [Fact]
    public async Task An_entry_deleted_while_its_consumer_held_it_is_dead_lettered_not_acknowledged_in_silence()
    {
        var database = await servers.CreateDatabaseAsync("consumer_deleted");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var product = MessagingTestNames.Product();
        var handling = script.BlockUntilCancelled(product);

        var before = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "same", script, output);
        await before.PublishAsync(new ProductCreated { ProductId = product });
        await handling.WaitAsync(Eventually.DefaultTimeout);
        await before.DisposeAsync();
        script.Unblock(product);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var entry = Assert.Single(await redis.GetDatabase().StreamRangeAsync(before.Stream));
        await redis.GetDatabase().StreamDeleteAsync(before.Stream, [entry.Id]);

        await using var after = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "same", script, output);
        await Eventually.TrueAsync(async () => await after.PendingAsync() == 0, "the held entry is settled");
        var deadLetter = DeadLetter.FromEntry(Assert.Single(await after.RangeAsync(StreamNames.DeadLetters(after.Stream))));
        Assert.Equal(entry.Id.ToString(), deadLetter.OriginalEntryId);
        Assert.Equal(service, deadLetter.ConsumerGroup);
        Assert.Contains("Deleted from the stream", deadLetter.Error, StringComparison.Ordinal);
    }
}
