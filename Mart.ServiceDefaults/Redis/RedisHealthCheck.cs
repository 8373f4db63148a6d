using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.ServiceDefaults.Redis;

/// <summary>Readiness: Redis answers PING on the shared connection.</summary>
public sealed class RedisHealthCheck(IRedisCommands redis) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await redis.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING answered in {roundTrip.TotalMilliseconds:0.#} ms.");
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
