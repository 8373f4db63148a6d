using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.ServiceDefaults.Health;

/// <summary>Readiness: the context's database answers <c>SELECT 1</c> on the context's own connection.</summary>
internal sealed class DbContextHealthCheck<TContext>(TContext context) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken = default)
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = context.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (DbException ex)
        {
            return new HealthCheckResult(healthContext.Registration.FailureStatus, "The database did not answer.", ex);
        }
    }
}
