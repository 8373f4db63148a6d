using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mart.AppHost.Servers;

/// <summary>
/// Aspire copies a server's state to its child resources only when the server is a container. A database under
/// a local (executable) server would stay without state, and everything waiting for it would wait forever, so
/// each child follows its parent's state here: Starting, Running, Exited... Its health stays its own check's.
/// </summary>
internal static class ChildStateFollower
{
    private sealed class Registered;

    public static void Register(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return;
        }

        builder.Services.AddSingleton<Registered>();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var children = e.Model.Resources.OfType<LocalPostgresDatabaseResource>().ToLookup(d => (IResource)d.Parent);
            _ = Task.Run(() => FollowAsync(notifications, children, stopping), stopping);
            return Task.CompletedTask;
        });
    }

    private static async Task FollowAsync(ResourceNotificationService notifications, ILookup<IResource, LocalPostgresDatabaseResource> children, CancellationToken stopping)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping).ConfigureAwait(false))
            {
                foreach (var child in children[update.Resource])
                {
                    var parent = update.Snapshot;
                    await notifications.PublishUpdateAsync(child, s => s with
                    {
                        State = parent.State,
                        StartTimeStamp = parent.StartTimeStamp,
                        StopTimeStamp = parent.StopTimeStamp,
                    }).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
