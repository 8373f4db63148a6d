using Mart.AppHost.Events;
using Mart.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Mart.Tests.Integration.EventStreams;

/// <summary>The stream resources against a real Redis: what their properties, state and health say as the streams change.</summary>
[Collection("event-streams")]
public sealed class EventStreamResourceTests(EventStreamsFixture fixture)
{
    [Fact]
    public void Each_stream_is_a_resource_under_redis_with_both_commands()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var streams = model.Resources.OfType<EventStreamResource>().OrderBy(r => r.Name).ToList();
        Assert.Equal(["mart-market", "mart-orders", "mart-payments", "mart-products"], streams.Select(s => s.Name));
        foreach (var stream in streams)
        {
            var snapshot = fixture.App.ResourceNotifications.GetSnapshot(stream.Name);
            Assert.Contains(snapshot.Relationships, r => r.Type == "Parent" && r.ResourceName.StartsWith("redis", StringComparison.Ordinal));
            var replay = stream.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == EventStreamBuilderExtensions.ReplayCommand);
            Assert.False(string.IsNullOrWhiteSpace(replay.ConfirmationMessage));
            Assert.Contains(stream.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == EventStreamBuilderExtensions.ShowCommand);
        }
    }

    [Fact]
    public async Task Properties_show_length_last_entry_a_group_behind_and_a_dead_letter_as_a_warning()
    {
        var redis = fixture.Database;
        const string Stream = StreamNames.Payments;
        string? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await redis.StreamAddAsync(Stream, [.. DeadLetterEntries.OrderPlaced(Guid.CreateVersion7(), $"order-{i}")]);
        }

        await redis.StreamCreateConsumerGroupAsync(Stream, "orders", "0");
        var delivered = await redis.StreamReadGroupAsync(Stream, "orders", "orders-instance-1", ">", count: 1);
        Assert.Single(delivered);

        var healthy = await fixture.WaitForSnapshotAsync("mart-payments", s =>
            Value(s, "stream.length") == "3" && Value(s, "group.orders.lag") == "2");
        Assert.Equal(last, Value(healthy, "stream.last-entry.id"));
        Assert.True(DateTimeOffset.TryParse(Value(healthy, "stream.last-entry.time"), out var at) && Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 5);
        Assert.Equal("1", Value(healthy, "group.orders.pending"));
        Assert.Equal((string?)delivered[0].Id, Value(healthy, "group.orders.last-delivered-id"));
        Assert.StartsWith("orders-instance-1 (pending 1", Value(healthy, "group.orders.consumers"));
        Assert.Equal("orders", Value(healthy, "stream.groups"));
        Assert.Equal("0", Value(healthy, "stream.dead-letters"));
        Assert.Equal(HealthStatus.Healthy, healthy.HealthStatus);
        Assert.Equal(KnownResourceStateStyles.Success, healthy.State?.Style);

        await DeadLetterEntries.WriteAsync(redis, Stream, Guid.CreateVersion7(), "order-dead");
        var warned = await fixture.WaitForSnapshotAsync("mart-payments", s => Value(s, "stream.dead-letters") == "1");
        Assert.Equal(KnownResourceStates.Running, warned.State?.Text);
        Assert.Equal(KnownResourceStateStyles.Warn, warned.State?.Style);
        Assert.Equal(HealthStatus.Degraded, warned.HealthStatus);
        Assert.Contains(warned.HealthReports, r => r.Name == "dead-letters" && r.Status == HealthStatus.Degraded && r.Description!.Contains("mart.payments.dlq"));
    }

    [Fact]
    public async Task A_group_whose_lag_keeps_growing_turns_the_stream_to_a_warning_and_back()
    {
        var redis = fixture.Database;
        const string Stream = StreamNames.Market;
        await redis.StreamAddAsync(Stream, [.. DeadLetterEntries.OrderPlaced(Guid.CreateVersion7(), "first")]);
        await redis.StreamCreateConsumerGroupAsync(Stream, "stalled", "$");

        // Nobody reads for the group while entries keep coming: its lag rises at every reading.
        var deadline = DateTime.UtcNow + EventStreamsFixture.LagGrowthWindow * 6;
        CustomResourceSnapshot? warned = null;
        while (warned is null && DateTime.UtcNow < deadline)
        {
            await redis.StreamAddAsync(Stream, [.. DeadLetterEntries.OrderPlaced(Guid.CreateVersion7(), "more")]);
            await Task.Delay(150);
            var snapshot = fixture.App.ResourceNotifications.GetSnapshot("mart-market");
            if (snapshot.HealthReports.Any(r => r.Name == "consumer-lag" && r.Status == HealthStatus.Degraded))
            {
                warned = snapshot;
            }
        }

        Assert.NotNull(warned);
        Assert.Equal(KnownResourceStateStyles.Warn, warned.State?.Style);
        Assert.Contains("stalled", warned.HealthReports.Single(r => r.Name == "consumer-lag").Description);

        // The group catches up: the warning goes.
        var all = await redis.StreamReadGroupAsync(Stream, "stalled", "catching-up", ">", count: 10_000);
        await redis.StreamAcknowledgeAsync(Stream, "stalled", [.. all.Select(e => e.Id)]);
        var recovered = await fixture.WaitForSnapshotAsync("mart-market", s =>
            Value(s, "group.stalled.lag") == "0" && s.HealthReports.All(r => r.Status == HealthStatus.Healthy));
        Assert.Equal(KnownResourceStateStyles.Success, recovered.State?.Style);
    }

    [Fact]
    public async Task A_lag_redis_cannot_compute_shows_as_unknown_and_warns()
    {
        var redis = fixture.Database;
        const string Stream = StreamNames.Products;
        var ids = new List<RedisValue>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await redis.StreamAddAsync(Stream, [.. DeadLetterEntries.OrderPlaced(Guid.CreateVersion7(), $"deleted-{i}")]));
        }

        await redis.StreamCreateConsumerGroupAsync(Stream, "behind", ids[0]);

        // An entry the group has not read is deleted: Redis no longer knows how far behind the group is.
        await redis.StreamDeleteAsync(Stream, [ids[1]]);

        var warned = await fixture.WaitForSnapshotAsync("mart-products", s => Value(s, "group.behind.lag") == "unknown (1 counted)");
        Assert.Equal(KnownResourceStateStyles.Warn, warned.State?.Style);
        var lag = warned.HealthReports.Single(r => r.Name == "consumer-lag");
        Assert.Equal(HealthStatus.Degraded, lag.Status);
        Assert.Contains("'behind' lag is unknown", lag.Description, StringComparison.Ordinal);
    }

    private static string? Value(CustomResourceSnapshot snapshot, string name) =>
        EventStreamsFixture.Text(snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value);
}
