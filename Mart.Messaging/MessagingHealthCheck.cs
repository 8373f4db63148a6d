using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mart.Messaging;

/// <summary>
/// Degraded while a consumer has been on one entry, or the relay has failed to publish, for
/// <see cref="MessagingOptions.StallAfter"/> or longer, naming the stream and group. Never Unhealthy: the service
/// still answers its API, and restarting it would not move the entry.
/// </summary>
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
