using System.Text;
using Mart.Contracts;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

[Collection("servers")]
public sealed class EventConsumerTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Transient_handler_failure_is_retried_then_succeeds()
    {
        var script = new HandlerScript();
        await using var host = await StartAsync("consumer_retry", script, "c1");
        var product = MessagingTestNames.Product();
        script.FailTimes(product, 2);

        await host.PublishAsync(new ProductCreated { ProductId = product });

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(product) == 1, "the third attempt succeeded");
        Assert.Equal(3, script.Calls(product));
        await Eventually.TrueAsync(async () => await host.PendingAsync() == 0, "the entry is acknowledged");
        Assert.Equal(0, await host.Redis.StreamLengthAsync(StreamNames.DeadLetters(host.Stream)));
    }

    [Fact]
    public async Task Poison_message_reaches_the_dead_letters_after_the_last_attempt_and_later_messages_still_flow()
    {
        var script = new HandlerScript();
        await using var host = await StartAsync("consumer_poison", script, "c1");
        var poison = MessagingTestNames.Product();
        var after = MessagingTestNames.Product();
        var later = MessagingTestNames.Product();
        script.FailAlways(poison);

        var rows = await host.PublishAsync(
            new ProductCreated { ProductId = poison, Name = "poison" },
            new ProductCreated { ProductId = after },
            new ProductCreated { ProductId = later });

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(later) == 1, "the messages after the poison are handled");
        Assert.Equal(1, await host.CountEffectsAsync(after));
        Assert.Equal(0, await host.CountEffectsAsync(poison));
        Assert.Equal(3, script.Calls(poison));

        var deadLetterEntry = Assert.Single(await host.RangeAsync(StreamNames.DeadLetters(host.Stream)));
        var deadLetter = DeadLetter.FromEntry(deadLetterEntry);
        Assert.Equal(rows[0].Id, deadLetter.Envelope!.Id);
        Assert.Equal("product.created.v1", deadLetter.Envelope.Type);
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Equal(host.ServiceName, deadLetter.ConsumerGroup);
        Assert.Equal(host.Stream, deadLetter.OriginalStream);
        Assert.Contains($"Scripted failure for {poison}", deadLetter.Error, StringComparison.Ordinal);
        var decoded = Assert.IsType<ProductCreated>(deadLetter.Decode(EventTypeRegistry.Default));
        Assert.Equal("poison", decoded.Name);
        await Eventually.TrueAsync(async () => await host.PendingAsync() == 0, "the poison entry is acknowledged");
    }

    [Fact]
    public async Task A_failure_inside_a_shared_transaction_costs_no_other_event_its_effect()
    {
        var database = await servers.CreateDatabaseAsync("consumer_batch");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var products = Enumerable.Range(0, 10).Select(_ => MessagingTestNames.Product()).ToArray();
        script.FailTimes(products[4], 1);

        // Everything is on the stream before any consumer exists, so the consumer reads it in one batch.
        await using var producer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "producer", script, output, subscribe: false);
        await producer.PublishCreatedOntoStreamAsync(products);
        await using var consumer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "consumer", script, output);

        await Eventually.TrueAsync(async () => await consumer.CountEffectsAsync(products[^1]) == 1, "the last event was handled");
        await Eventually.TrueAsync(async () => await consumer.PendingAsync() == 0, "every entry is acknowledged");
        foreach (var product in products)
        {
            Assert.Equal(1, await consumer.CountEffectsAsync(product));
        }

        // The failing event's shared attempt counted as its first; the events before it ran again after the rollback.
        Assert.Equal(2, script.Calls(products[4]));
        Assert.Equal(2, script.Calls(products[0]));
        Assert.Equal(1, script.Calls(products[9]));
        Assert.Equal(0, await consumer.Redis.StreamLengthAsync(StreamNames.DeadLetters(consumer.Stream)));
    }

    [Fact]
    public async Task Consumer_stopped_mid_message_is_taken_over_by_another_and_handled_once()
    {
        var database = await servers.CreateDatabaseAsync("consumer_claim");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var product = MessagingTestNames.Product();
        var handling = script.BlockUntilCancelled(product);

        var first = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "first", script, output);
        await first.PublishAsync(new ProductCreated { ProductId = product });
        await handling.WaitAsync(Eventually.DefaultTimeout);
        await first.DisposeAsync();

        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var stuck = Assert.Single(await redis.GetDatabase().StreamPendingMessagesAsync(first.Stream, service, 10, RedisValue.Null));
        Assert.Equal("first", stuck.ConsumerName.ToString());
        script.Unblock(product);

        // "second" never saw the entry: it only gets it by claiming it from the stopped consumer.
        await using var second = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "second", script, output);
        await Eventually.TrueAsync(async () => await second.CountEffectsAsync(product) == 1, "the other consumer handled the entry");
        await Eventually.TrueAsync(async () => await second.PendingAsync() == 0, "the entry is acknowledged");
        await Task.Delay(1000);

        var effect = Assert.Single(await second.EffectsAsync(product));
        Assert.Equal("second", effect.Consumer);
        Assert.Equal(2, script.Calls(product));
    }

    [Fact]
    public async Task Restarted_consumer_first_re_reads_what_it_held()
    {
        var database = await servers.CreateDatabaseAsync("consumer_pending");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var product = MessagingTestNames.Product();
        var handling = script.BlockUntilCancelled(product);

        var before = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "same", script, output);
        await before.PublishAsync(new ProductCreated { ProductId = product });
        await handling.WaitAsync(Eventually.DefaultTimeout);
        await before.DisposeAsync();
        script.Unblock(product);

        // Claiming is pushed far out: only re-reading its own pending entries can get the entry back in time.
        await using var after = await MessagingTestHost.StartAsync(
            database, servers.RedisConnectionString, service, "same", script, output, options => options.Consumer.ClaimIdleTime = TimeSpan.FromHours(1));
        await Eventually.TrueAsync(async () => await after.CountEffectsAsync(product) == 1, "the restarted consumer handled its pending entry", TimeSpan.FromSeconds(15));
        Assert.Equal(2, script.Calls(product));
    }

    [Fact]
    public async Task Same_event_delivered_twice_has_one_effect()
    {
        var script = new HandlerScript();
        await using var host = await StartAsync("consumer_duplicate", script, "c1");
        var product = MessagingTestNames.Product();
        await host.PublishAsync(new ProductCreated { ProductId = product });
        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(product) == 1, "the event was handled");

        // The relay may legitimately publish a row twice (XADD succeeded, commit failed); replay that.
        var original = Assert.Single(await host.RangeAsync(host.Stream));
        var copy = await host.Redis.StreamAddAsync(host.Stream, [.. original.Fields.Select(field => new NameValueEntry(field.Key, field.Value))]);

        await Eventually.TrueAsync(
            async () =>
            {
                var group = (await host.Redis.StreamGroupInfoAsync(host.Stream)).Single(g => g.Name == host.ServiceName);
                return group.LastDeliveredId == copy.ToString() && group.PendingMessageCount == 0;
            },
            "the copy was delivered and acknowledged");
        Assert.Equal(1, await host.CountEffectsAsync(product));
        Assert.Equal(1, script.Calls(product));
    }

    [Fact]
    public async Task Copies_inside_one_shared_transaction_have_one_effect_each()
    {
        var database = await servers.CreateDatabaseAsync("consumer_batch_duplicate");
        var service = MessagingTestNames.Service();
        var script = new HandlerScript();
        var products = Enumerable.Range(0, 3).Select(_ => MessagingTestNames.Product()).ToArray();

        // A copy of the first event behind the three originals, all on the stream before the consumer reads: one batch
        // whose inbox statement meets the same id twice.
        await using var producer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "producer", script, output, subscribe: false);
        await producer.PublishCreatedOntoStreamAsync(products);
        var first = (await producer.RangeAsync(producer.Stream))[0];
        await producer.Redis.StreamAddAsync(producer.Stream, [.. first.Fields.Select(field => new NameValueEntry(field.Key, field.Value))]);
        await using var consumer = await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, service, "consumer", script, output);
        await Eventually.TrueAsync(async () => await consumer.CountEffectsAsync(products[^1]) == 1 && await consumer.PendingAsync() == 0, "the batch was handled and acknowledged");

        // Another copy of it together with a new event: a batch in which the inbox already holds one of the two.
        var later = MessagingTestNames.Product();
        await producer.PublishAsync(new ProductCreated { ProductId = later });
        await Eventually.TrueAsync(async () => await consumer.CountEffectsAsync(later) == 1, "the later event was handled");
        var latest = (await consumer.RangeAsync(consumer.Stream))[^1];
        var both = consumer.Redis.CreateTransaction();
        _ = both.StreamAddAsync(consumer.Stream, [.. first.Fields.Select(field => new NameValueEntry(field.Key, field.Value))]);
        var lastCopy = both.StreamAddAsync(consumer.Stream, [.. latest.Fields.Select(field => new NameValueEntry(field.Key, field.Value))]);
        Assert.True(await both.ExecuteAsync());
        await Eventually.TrueAsync(
            async () =>
            {
                var group = (await consumer.Redis.StreamGroupInfoAsync(consumer.Stream)).Single(g => g.Name == consumer.ServiceName);
                return group.LastDeliveredId == (await lastCopy).ToString() && group.PendingMessageCount == 0;
            },
            "the copies were delivered and acknowledged");

        foreach (var product in products.Append(later))
        {
            Assert.Equal(1, await consumer.CountEffectsAsync(product));
            Assert.Equal(1, script.Calls(product));
        }

        Assert.Equal(0, await consumer.Redis.StreamLengthAsync(StreamNames.DeadLetters(consumer.Stream)));
    }

    [Fact]
    public async Task Malformed_entries_are_dead_lettered_and_unhandled_types_skipped_without_stopping_the_consumer()
    {
        var script = new HandlerScript();
        await using var host = await StartAsync("consumer_malformed", script, "c1");
        await host.Redis.StreamAddAsync(host.Stream, [new("type", "product.created.v1"), new("data", new byte[] { 1, 2, 3 })]);
        var other = new EventEnvelope(Guid.CreateVersion7(), "product.deleted.v1", Google.Protobuf.MessageExtensions.ToByteArray(new ProductDeleted { ProductId = "x" }), null, "elsewhere", 1);
        await host.Redis.StreamAddAsync(host.Stream, other.ToFields());
        var product = MessagingTestNames.Product();

        await host.PublishAsync(new ProductCreated { ProductId = product });

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(product) == 1, "the good event after them was handled");
        var deadLetter = DeadLetter.FromEntry(Assert.Single(await host.RangeAsync(StreamNames.DeadLetters(host.Stream))));
        Assert.Null(deadLetter.Envelope);
        Assert.Contains("'id'", deadLetter.Error, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await host.PendingAsync() == 0, "every entry is acknowledged");
    }

    private async Task<MessagingTestHost> StartAsync(string databasePrefix, HandlerScript script, string consumer)
    {
        var database = await servers.CreateDatabaseAsync(databasePrefix);
        return await MessagingTestHost.StartAsync(database, servers.RedisConnectionString, MessagingTestNames.Service(), consumer, script, output);
    }
}
