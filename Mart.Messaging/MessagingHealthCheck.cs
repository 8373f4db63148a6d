using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mart.Messaging;

/// <summary>Degraded while a consumer or the relay is stalled past <see cref="MessagingOptions.StallAfter"/>; never
/// Unhealthy, as a restart would not move the entry.</summary>
internal sealed class MessagingHealthCheck(MessagingProgress progress, IOptions<MessagingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stalled = progress.Stalled(options.Value.StallAfter);
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy("Every consumer and the outbox relay are moving.")
            : HealthCheckResult.Degraded(string.Join(" ", stalled)));
    }
}
