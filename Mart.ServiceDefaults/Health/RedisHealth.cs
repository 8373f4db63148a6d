using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.ServiceDefaults.Health;

/// <summary>How an unreachable Redis shows in <c>/health</c>.</summary>
public static class RedisHealth
{
    /// <summary>Makes Aspire's Redis check report Degraded: the services keep answering without Redis, so it must not
    /// take them out of rotation.</summary>
    public static IServiceCollection AddRedisHealthAsDegraded(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)))
            {
                registration.FailureStatus = HealthStatus.Degraded;
            }
        });
        return services;
    }
}
