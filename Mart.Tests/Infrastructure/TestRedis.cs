using Mart.Messaging;
using StackExchange.Redis;

namespace Mart.Tests.Infrastructure;

/// <summary>A test's own StackExchange.Redis connection, reading streams as Mart's entries.</summary>
public sealed class TestRedis(ConnectionMultiplexer connection) : IAsyncDisposable
{
    public IDatabase Database => connection.GetDatabase();

    public static async Task<TestRedis> ConnectAsync(string connectionString, string clientName = "mart-tests")
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.ClientName = clientName;
        return new TestRedis(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>XRANGE, oldest first; <paramref name="start"/> may be exclusive ("(id").</summary>
    public async Task<List<EventStreamEntry>> StreamRangeAsync(string stream, string start = "-", string end = "+", int? count = null) =>
        [.. (await Database.StreamRangeAsync(stream, start, end, count)).Select(EventStreamEntry.From)];

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
