using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class StreamNamesTests
{
    [Fact]
    public void Streams_follow_the_service_names_and_dead_letters_sit_beside_them()
    {
        Assert.Equal(StreamNames.Orders, StreamNames.ForService("orders"));
        Assert.Equal("mart.orders.dlq", StreamNames.DeadLetters(StreamNames.Orders));
        Assert.Equal("mart.products", new MessagingOptions { ServiceName = "products" }.ResolvedStream);
        Assert.Equal("custom", new MessagingOptions { ServiceName = "products", Stream = "custom" }.ResolvedStream);
    }

    [Fact]
    public void Messaging_schema_ships_with_stable_versions()
    {
        Assert.Collection(
            MessagingSchema.Migrations,
            tables =>
            {
                Assert.Equal("messaging/0001_messaging_outbox_inbox", tables.Version);
                Assert.Contains("CREATE TABLE IF NOT EXISTS outbox", tables.Script, StringComparison.Ordinal);
                Assert.Contains("CREATE TABLE IF NOT EXISTS inbox", tables.Script, StringComparison.Ordinal);
            },
            origin =>
            {
                Assert.Equal("messaging/0002_outbox_notify_origin", origin.Version);
                Assert.Contains("current_setting('application_name')", origin.Script, StringComparison.Ordinal);
            });
    }
}
