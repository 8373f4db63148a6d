using Mart.Contracts;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

/// <summary>
/// The consumer's transactions under the failures that retries exist for (a serialization failure at COMMIT, a
/// deadlock between two replicas) and under those no retry fixes (a missing table, an invalid event).
/// </summary>
[Collection("servers")]
public sealed class TransactionRetryTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_commit_failure_is_retried_from_a_clean_context_and_takes_effect_once()
    {
        var script = new HandlerScript();
        var database = await servers.CreateDatabaseAsync("tx_commit");
        await using var host = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, MessagingTestNames.Service(), "c1", script, output);
        var product = MessagingTestNames.Product();
        await using var fault = await CommitFault.ArmAsync(database, "handled_effects", "INSERT", $"NEW.product_id = '{product}'");

        var rows = await host.PublishAsync(new ProductCreated { ProductId = product });

        await Eventually.TrueAsync(async () => await host.PendingAsync() == 0 && script.Calls(product) > 0, "the entry is acknowledged");
        Assert.Equal(2, await fault.CommitsSeenAsync());
        Assert.Equal(2, script.Calls(product));
        var effect = Assert.Single(await host.EffectsAsync(product));
        Assert.Equal(rows[0].Id, effect.MessageId);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inbox WHERE message_id = $1", rows[0].Id));
        Assert.Equal(0, await host.Redis.StreamLengthAsync(StreamNames.DeadLetters(host.Stream)));
    }

    [Fact]
    public async Task A_commit_failure_of_a_shared_transaction_replays_the_batch_once_with_every_effect_once()
    {
        var database = await servers.CreateDatabaseAsync("tx_batch_commit");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var products = Enumerable.Range(0, 6).Select(_ => MessagingTestNames.Product()).ToArray();

        // On the stream before the consumer exists, so it reads them as one batch.
        await using var producer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "producer", script, output, subscribe: false);
        await using var fault = await CommitFault.ArmAsync(database, "handled_effects", "INSERT", $"NEW.product_id = '{products[3]}'");
        await producer.PublishCreatedOntoStreamAsync(products);
        await using var consumer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "consumer", script, output);

        await Eventually.TrueAsync(async () => await consumer.CountEffectsAsync(products[^1]) == 1, "the last event was handled");
        await Eventually.TrueAsync(async () => await consumer.PendingAsync() == 0, "every entry is acknowledged");
        foreach (var product in products)
        {
            Assert.Equal(1, await consumer.CountEffectsAsync(product));
            Assert.Equal(2, script.Calls(product));
        }

        Assert.Equal(2, await fault.CommitsSeenAsync());
        Assert.Equal(0, await consumer.Redis.StreamLengthAsync(StreamNames.DeadLetters(consumer.Stream)));
    }

    [Fact]
    public async Task A_deadlock_between_two_consumers_of_one_group_costs_no_event_its_effect()
    {
        var database = await servers.CreateDatabaseAsync("tx_deadlock");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        string[] first = [MessagingTestNames.Product(), MessagingTestNames.Product()];
        string[] second = [MessagingTestNames.Product(), MessagingTestNames.Product()];
        var firstHoldsOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHoldsTwo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadlocks = 0;
        const long one = 0x7478_0001;
        const long two = 0x7478_0002;

        // Consumer "a" takes lock one then two, consumer "b" two then one, each in its batch's shared transaction;
        // the first handler of each waits until the other holds its first lock, so the two must deadlock.
        script.Step(first[0], async (db, call, ct) =>
        {
            await LockAsync(db, one, ct);
            if (call == 1)
            {
                firstHoldsOne.TrySetResult();
                await secondHoldsTwo.Task.WaitAsync(Eventually.DefaultTimeout, ct);
            }
        });
        script.Step(first[1], (db, _, ct) => LockCountingDeadlocksAsync(db, two, () => Interlocked.Increment(ref deadlocks), ct));
        script.Step(second[0], async (db, call, ct) =>
        {
            await LockAsync(db, two, ct);
            if (call == 1)
            {
                secondHoldsTwo.TrySetResult();
                await firstHoldsOne.Task.WaitAsync(Eventually.DefaultTimeout, ct);
            }
        });
        script.Step(second[1], (db, _, ct) => LockCountingDeadlocksAsync(db, one, () => Interlocked.Increment(ref deadlocks), ct));

        // Entries stay with the consumer that read them: no take-over while the other one waits.
        void Configure(MessagingOptions options) => options.Consumer.ClaimIdleTime = TimeSpan.FromMinutes(5);
        await using var producer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "producer", script, output, Configure, subscribe: false);
        await producer.PublishCreatedOntoStreamAsync(first);
        await using var a = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "a", script, output, Configure);
        await firstHoldsOne.Task.WaitAsync(Eventually.DefaultTimeout);
        await producer.PublishTogetherAsync([.. second.Select(product => new ProductCreated { ProductId = product })]);
        await using var b = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "b", script, output, Configure);

        await Eventually.TrueAsync(
            async () => await b.PendingAsync() == 0 && await b.CountEffectsAsync(second[1]) == 1,
            "every entry is handled and acknowledged");
        Assert.Equal(1, Volatile.Read(ref deadlocks));
        foreach (var product in first.Concat(second))
        {
            Assert.Equal(1, await a.CountEffectsAsync(product));
        }

        Assert.Equal(0, await a.Redis.StreamLengthAsync(StreamNames.DeadLetters(a.Stream)));
    }

    [Fact]
    public async Task A_handler_naming_a_missing_table_reaches_the_dead_letters_after_its_attempts_and_the_stream_flows_on()
    {
        var script = new HandlerScript();
        var database = await servers.CreateDatabaseAsync("tx_missing_table");
        await using var host = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, MessagingTestNames.Service(), "c1", script, output);
        var broken = MessagingTestNames.Product();
        var after = MessagingTestNames.Product();
        script.Step(broken, (db, _, ct) => db.Database.ExecuteSqlRawAsync("UPDATE table_that_was_never_created SET x = 1", ct));

        await host.PublishAsync(new ProductCreated { ProductId = broken }, new ProductCreated { ProductId = after });

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(after) == 1, "the event after the broken one is handled");
        var deadLetter = DeadLetter.FromEntry(Assert.Single(await host.RangeAsync(StreamNames.DeadLetters(host.Stream))));
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Equal(3, script.Calls(broken));
        Assert.StartsWith("Failed 3 attempt(s); last: ", deadLetter.Error, StringComparison.Ordinal);
        Assert.Contains("42P01", deadLetter.Error, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountEffectsAsync(broken));
    }

    [Fact]
    public async Task An_invalid_event_is_dead_lettered_at_once_with_its_reason()
    {
        var script = new HandlerScript();
        var database = await servers.CreateDatabaseAsync("tx_invalid");
        await using var host = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, MessagingTestNames.Service(), "c1", script, output);
        var invalid = MessagingTestNames.Product();
        var after = MessagingTestNames.Product();
        script.Step(invalid, (_, _, _) => Task.FromResult(EventIds.Parse("not-a-uuid", "order_id")));

        await host.PublishAsync(new ProductCreated { ProductId = invalid }, new ProductCreated { ProductId = after });

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(after) == 1, "the event after the invalid one is handled");
        var deadLetter = DeadLetter.FromEntry(Assert.Single(await host.RangeAsync(StreamNames.DeadLetters(host.Stream))));
        Assert.Equal(1, script.Calls(invalid));
        Assert.Equal(1, deadLetter.Attempts);
        Assert.Equal("Invalid event, not retried: Event field 'order_id' is not a UUID: 'not-a-uuid'.", deadLetter.Error);
        Assert.Equal(0, await host.CountEffectsAsync(invalid));
    }

    private static Task LockAsync(MessagingTestDbContext db, long key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);

    private static async Task LockCountingDeadlocksAsync(MessagingTestDbContext db, long key, Action deadlocked, CancellationToken cancellationToken)
    {
        try
        {
            await LockAsync(db, key, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            deadlocked();
            throw;
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
