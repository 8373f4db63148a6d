using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Mart.AppHost.Servers;

/// <summary>Healthy when a fresh connection to the server (or one database in it) answers <c>SELECT 1</c>.</summary>
internal sealed class PostgresProbe(IResourceWithConnectionString target) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await target.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
            var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(probe.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
