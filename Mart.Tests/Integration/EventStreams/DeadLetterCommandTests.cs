using Mart.AppHost.Events;
using Mart.Messaging;

namespace Mart.Tests.Integration.EventStreams;

/// <summary><c>replay-dead-letters</c> and <c>show-dead-letters</c> run as a dashboard or the CLI runs them, against a real Redis.</summary>
[Collection("event-streams")]
public sealed class DeadLetterCommandTests(EventStreamsFixture fixture)
{
    private const string Stream = StreamNames.Orders;

    [Fact]
    public async Task Replay_puts_the_event_back_exactly_once_without_its_failure_fields_even_when_run_twice_at_once()
    {
        var redis = fixture.Database;
        var events = Enumerable.Range(0, 25).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var id in events)
        {
            await DeadLetterEntries.WriteAsync(redis, Stream, id, "order-" + id.ToString("N")[..8]);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            fixture.App.ResourceCommands.ExecuteCommandAsync("mart-orders", EventStreamBuilderExtensions.ReplayCommand)));
        Assert.All(runs, r => Assert.True(r.Success, r.Message));

        foreach (var id in events)
        {
            var replayed = await DeadLetterEntries.WithEventIdAsync(redis, Stream, id);
            var entry = Assert.Single(replayed);
            Assert.Equal("order.placed.v1", (string?)entry[EventFields.Type]);
            Assert.All(DeadLetterEntries.DeadLetterOnlyFields, f => Assert.True(entry[f].IsNull, $"{f} was copied back"));
        }

        Assert.Equal(0, await redis.StreamLengthAsync(StreamNames.DeadLetters(Stream)));
        var again = await fixture.App.ResourceCommands.ExecuteCommandAsync("mart-orders", EventStreamBuilderExtensions.ReplayCommand);
        Assert.True(again.Success, again.Message);
        Assert.Single(await DeadLetterEntries.WithEventIdAsync(redis, Stream, events[0]));
        await fixture.WaitForSnapshotAsync("mart-orders", s => EventStreamsFixture.Text(s.Properties.Single(p => p.Name == "stream.dead-letters").Value) == "0");
    }

    [Fact]
    public async Task Show_writes_each_dead_letter_with_its_decoded_payload_to_the_console_log()
    {
        var redis = fixture.Database;
        var eventId = Guid.CreateVersion7();
        var orderId = "order-shown-" + eventId.ToString("N")[..8];
        var entryId = await DeadLetterEntries.WriteAsync(redis, StreamNames.Products, eventId, orderId, group: "payments");

        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("mart-products", EventStreamBuilderExtensions.ShowCommand);
        Assert.True(result.Success, result.Message);

        var log = await fixture.App.LastLogLinesAsync("mart-products", 50);
        Assert.Contains($"Dead letter {entryId}: order.placed.v1 (event {eventId:D}, from orders", log);
        Assert.Contains("group payments gave up after 5 attempt(s)", log);
        Assert.Contains("InvalidOperationException: the handler kept failing", log);
        Assert.Contains($"\"orderId\": \"{orderId}\"", log);
        Assert.Contains("\"customerId\": \"customer-dead-letter\"", log);
    }
}
