using Mart.AppHost.Restart;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mart.AppHost;

/// <summary>
/// <c>WithRestartOnFailure()</c>: Aspire leaves a crashed executable, project or container down; this starts it
/// again (1 s, doubling to 30 s, reset after 30 s healthy), logging each restart to the resource's console log.
/// A stop asked for from the dashboard or the CLI is not a failure. Publishing is unaffected.
/// </summary>
public static class RestartOnFailureExtensions
{
    public static IResourceBuilder<T> WithRestartOnFailure<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode
            || builder.Resource is not (ExecutableResource or ProjectResource or ContainerResource))
        {
            return builder;
        }

        var supervisor = new RestartSupervisor(builder.Resource, TimeProvider.System);
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(
                () => supervisor.WatchAsync(
                    e.Services.GetRequiredService<ResourceNotificationService>(),
                    e.Services.GetRequiredService<ResourceCommandService>(),
                    e.Services.GetRequiredService<ResourceLoggerService>(),
                    stopping),
                stopping);
            return Task.CompletedTask;
        });
        return builder;
    }
}
