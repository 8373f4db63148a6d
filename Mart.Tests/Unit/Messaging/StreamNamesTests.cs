using Mart.ServiceDefaults.Messaging;

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
        var migration = Assert.Single(MessagingSchema.Migrations);
        Assert.Equal("messaging/0001_messaging_outbox_inbox", migration.Version);
        Assert.Contains("CREATE TABLE IF NOT EXISTS outbox", migration.Script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS inbox", migration.Script, StringComparison.Ordinal);
    }
}
