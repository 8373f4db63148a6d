using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Mart.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>The Events API against a real Redis: streams, groups, dead letters decoded from protobuf, and replay.</summary>
public sealed class EventStreamApiTests(RedisModelFixture fixture) : IClassFixture<RedisModelFixture>, IDisposable
{
    private readonly DashboardClient _dashboard = new(fixture.App.DashboardUri);

    [Fact]
    public async Task A_dead_letter_shows_decoded_and_a_replay_puts_its_event_back_on_the_stream_once()
    {
        var orderId = "order-" + Guid.NewGuid().ToString("N")[..8];
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var (entryId, eventId) = await DeadLetters.WriteOrderPlacedAsync(fixture.Redis, orderId, traceParent);

        var overview = await _dashboard.GetJsonAsync("/api/events");
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("unavailable").ValueKind);
        Assert.Equal([StreamNames.Products, StreamNames.Orders, StreamNames.Payments, StreamNames.Market], overview.Items("streams").Select(s => s.Text("name")));
        Assert.True(overview.Items("streams").Single(s => s.Text("name") == StreamNames.Orders).GetProperty("deadLetters").GetInt64() >= 1);

        var deadLetter = (await _dashboard.GetJsonAsync($"/api/events/{StreamNames.Orders}/deadletters")).Items()
            .Single(d => d.GetProperty("event").Text("entryId") == entryId);
        Assert.Equal(("products", 5), (deadLetter.Text("consumerGroup"), deadLetter.GetProperty("attempts").GetInt32()));
        Assert.Contains("product p-1 is unknown", deadLetter.Text("error"));
        var @event = deadLetter.GetProperty("event");
        Assert.Equal(("order.placed.v1", "orders", eventId.ToString("D")), (@event.Text("type"), @event.Text("source"), @event.Text("id")));
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", @event.Text("traceId"));
        using var payload = JsonDocument.Parse(@event.Text("payload"));
        Assert.Equal(orderId, payload.RootElement.Text("orderId"));
        Assert.Equal("Espresso beans", payload.RootElement.GetProperty("lines")[0].Text("productName"));

        using var replay = await _dashboard.Http.PostAsync($"/api/events/{StreamNames.Orders}/deadletters/{entryId}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        using var replayed = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        var newId = replayed.RootElement.Text("replayedAs");

        var onStream = EventStreamEntry.From(Assert.Single(await fixture.Redis.StreamRangeAsync(StreamNames.Orders, newId, newId)));
        Assert.Equal(
            [EventFields.Id, EventFields.Type, EventFields.Data, EventFields.TraceParent, EventFields.Source, EventFields.Occurred],
            onStream.Fields.Keys);
        Assert.Equal(eventId.ToString("D"), onStream.GetString(EventFields.Id));
        Assert.Equal(DeadLetters.SampleOrder(orderId).ToByteArray(), onStream.Fields[EventFields.Data]);
        Assert.Empty(await fixture.Redis.StreamRangeAsync(StreamNames.DeadLetters(StreamNames.Orders), entryId, entryId));

        using var again = await _dashboard.Http.PostAsync($"/api/events/{StreamNames.Orders}/deadletters/{entryId}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Consumer_groups_show_their_pending_entries_lag_and_consumers()
    {
        var group = "group-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.Redis.StreamCreateConsumerGroupAsync(StreamNames.Payments, group, "$");
        await fixture.Redis.StreamAddAsync(StreamNames.Payments, "id", "first");
        await fixture.Redis.StreamAddAsync(StreamNames.Payments, "id", "second");
        await fixture.Redis.StreamReadGroupAsync(StreamNames.Payments, group, "payments-1", ">", count: 1);

        var overview = await _dashboard.GetJsonAsync("/api/events");
        var stream = overview.Items("streams").Single(s => s.Text("name") == StreamNames.Payments);
        var shown = stream.Items("groups").Single(g => g.Text("name") == group);
        Assert.Equal(1, shown.GetProperty("pending").GetInt64());
        Assert.Equal(1, shown.GetProperty("lag").GetInt64());
        var consumer = Assert.Single(shown.Items("consumers"));
        Assert.Equal(("payments-1", 1L), (consumer.Text("name"), consumer.GetProperty("pending").GetInt64()));
        Assert.True(stream.GetProperty("length").GetInt64() >= 2);

        var recent = await _dashboard.GetJsonAsync($"/api/events/{StreamNames.Payments}/entries?count=1");
        Assert.Equal("second", Assert.Single(recent.Items()).Text("id"));
    }

    [Fact]
    public async Task Only_the_catalogue_streams_can_be_read_or_replayed()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _dashboard.Http.GetAsync("/api/events/some.other.key/deadletters")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dashboard.Http.PostAsync("/api/events/some.other.key/deadletters/1-0/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dashboard.Http.PostAsync($"/api/events/{StreamNames.Orders}/deadletters/not-an-id/replay", null)).StatusCode);
    }

    [Fact]
    public async Task The_environment_of_a_resource_never_carries_its_password()
    {
        var connectionString = (await Mart.Hosting.Testing.DistributedApplicationTestingExtensions.GetConnectionStringAsync(fixture.App, "redis"))!;
        var password = connectionString.Split("password=")[1];

        using var response = await _dashboard.Http.GetAsync("/api/resources/redis/environment");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(password, body);
        var variable = Assert.Single(JsonDocument.Parse(body).RootElement.Items());
        Assert.Equal(connectionString.Replace(password, "****"), variable.Text("value"));
        Assert.True(variable.GetProperty("masked").GetBoolean());
    }

    public void Dispose() => _dashboard.Dispose();
}
