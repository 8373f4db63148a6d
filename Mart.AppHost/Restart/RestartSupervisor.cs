using Microsoft.Extensions.Logging;

namespace Mart.AppHost.Restart;

/// <summary>
/// Watches one resource and starts it again through its start command when it exits without having been asked
/// to: a stop (or restart) from the dashboard, the CLI or a test goes through the resource's lifecycle commands,
/// which are wrapped here so such an exit is known to be wanted.
/// </summary>
internal sealed class RestartSupervisor(IResource resource, TimeProvider time)
{
    private static readonly HashSet<string?> Exited = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    private readonly Dictionary<string, Instance> _instances = [];
    private readonly HashSet<ResourceCommandAnnotation> _wrapped = [];
    private volatile bool _stopRequested;

    public async Task WatchAsync(ResourceNotificationService notifications, ResourceCommandService commands, ResourceLoggerService logs, CancellationToken stopping)
    {
        await foreach (var update in notifications.WatchAsync(stopping).ConfigureAwait(false))
        {
            if (update.Resource != resource)
            {
                continue;
            }

            WrapLifecycleCommands();
            if (!_instances.TryGetValue(update.ResourceId, out var instance))
            {
                _instances[update.ResourceId] = instance = new Instance();
            }

            var snapshot = update.Snapshot;
            var state = snapshot.State?.Text;
            if (state == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                instance.HealthySince ??= time.GetUtcNow();
            }

            if (Exited.Contains(state) && instance.LastState is not null && !Exited.Contains(instance.LastState)
                && !_stopRequested && !stopping.IsCancellationRequested)
            {
                var healthyFor = instance.HealthySince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
                instance.HealthySince = null;
                var delay = instance.Backoff.Next(healthyFor);
                instance.Attempts++;
                var log = logs.GetLogger(update.ResourceId);
                RestartLog.Restarting(log, update.ResourceId, state, snapshot.ExitCode, instance.Attempts, delay);
                _ = RestartAfterAsync(update.ResourceId, delay, commands, log, stopping);
            }

            instance.LastState = state;
        }
    }

    private async Task RestartAfterAsync(string resourceId, TimeSpan delay, ResourceCommandService commands, ILogger log, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            if (_stopRequested)
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stopping).ConfigureAwait(false);
            if (!result.Success)
            {
                RestartLog.RestartFailed(log, resourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            RestartLog.RestartFailed(log, resourceId, ex.Message);
        }
    }

    /// <summary>The lifecycle commands are added when the application starts, so they are wrapped on the first update.</summary>
    private void WrapLifecycleCommands()
    {
        var commands = resource.Annotations.OfType<ResourceCommandAnnotation>()
            .Where(c => c.Name == KnownResourceCommands.StopCommand || c.Name == KnownResourceCommands.StartCommand || c.Name == KnownResourceCommands.RestartCommand)
            .Where(c => !_wrapped.Contains(c))
            .ToList();
        foreach (var command in commands)
        {
            var inner = command.ExecuteCommand;
            Func<ExecuteCommandContext, Task<ExecuteCommandResult>> execute;
            if (command.Name == KnownResourceCommands.StopCommand)
            {
                execute = context =>
                {
                    _stopRequested = true;
                    return inner(context);
                };
            }
            else if (command.Name == KnownResourceCommands.StartCommand)
            {
                execute = context =>
                {
                    _stopRequested = false;
                    return inner(context);
                };
            }
            else
            {
                execute = async context =>
                {
                    _stopRequested = true;
                    try
                    {
                        return await inner(context).ConfigureAwait(false);
                    }
                    finally
                    {
                        _stopRequested = false;
                    }
                };
            }

            var wrapper = new ResourceCommandAnnotation(
                command.Name, command.DisplayName, command.UpdateState, execute, command.DisplayDescription, command.Arguments,
                command.ConfirmationMessage, command.IconName, command.IconVariant, command.IsHighlighted, command.Visibility, command.ValidateArguments);
            resource.Annotations.Remove(command);
            resource.Annotations.Add(wrapper);
            _wrapped.Add(wrapper);
        }
    }

    private sealed class Instance
    {
        public string? LastState { get; set; }

        public DateTimeOffset? HealthySince { get; set; }

        public RestartBackoff Backoff { get; } = new();

        public int Attempts { get; set; }
    }
}
