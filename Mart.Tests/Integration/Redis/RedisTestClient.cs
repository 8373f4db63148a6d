using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mart.Tests.Integration.Redis;

/// <summary>Clients and names for tests that share the fixture's Redis server.</summary>
internal static class RedisTestClient
{
    public static RedisClient Create(ServersFixture servers, Action<RedisClientOptions>? configure = null)
    {
        var options = RedisConnectionString.Parse(servers.RedisConnectionString);
        options.ClientName = "mart-tests";
        configure?.Invoke(options);
        return new RedisClient(options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    /// <summary>A key no other test uses.</summary>
    public static string UniqueKey(string purpose) => $"test:{purpose}:{Guid.NewGuid():N}";

    /// <summary>Retries PING until the client has reconnected by itself.</summary>
    public static async Task WaitUntilConnectedAsync(IRedisCommands redis, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            try
            {
                await redis.PingAsync(deadline.Token);
                return;
            }
            catch (RedisException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }
}
