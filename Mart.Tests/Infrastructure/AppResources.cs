using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.Tests.Infrastructure;

/// <summary>What tests read and do to the resources of a running application, in the words they use.</summary>
public static class AppResources
{
    // The commands service knows resources by id; a name with replicas has several. Each application a test starts
    // is noted here so a command by name can go to every instance of the named resource.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResourceCommandService, DistributedApplicationModel> Models = [];

    public static void Track(DistributedApplication app) =>
        Models.AddOrUpdate(app.ResourceCommands, app.Services.GetRequiredService<DistributedApplicationModel>());

    public static Task StopResourceAsync(this ResourceCommandService commands, string resource, CancellationToken cancellationToken = default) =>
        ExecuteAsync(commands, resource, KnownResourceCommands.StopCommand, cancellationToken);

    public static Task StartResourceAsync(this ResourceCommandService commands, string resource, CancellationToken cancellationToken = default) =>
        ExecuteAsync(commands, resource, KnownResourceCommands.StartCommand, cancellationToken);

    public static Task RestartResourceAsync(this ResourceCommandService commands, string resource, CancellationToken cancellationToken = default) =>
        ExecuteAsync(commands, resource, KnownResourceCommands.RestartCommand, cancellationToken);

    /// <summary>The resource's current snapshot (a non-replicated resource's id is its name).</summary>
    public static CustomResourceSnapshot GetSnapshot(this ResourceNotificationService notifications, string resource) =>
        notifications.TryGetCurrentState(resource, out var update)
            ? update.Snapshot
            : throw new InvalidOperationException($"No resource '{resource}'.");

    /// <summary>The pid DCP started for the resource (for a project, the <c>dotnet run</c> that hosts it).</summary>
    public static int? ProcessId(this CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };

    /// <summary>
    /// The process doing the resource's work: the deepest below DCP's pid, so for a project the service itself
    /// rather than the <c>dotnet run</c> that started it.
    /// </summary>
    public static int ServiceProcessId(this ResourceNotificationService notifications, string resource)
    {
        var pid = notifications.GetSnapshot(resource).ProcessId() ?? throw new InvalidOperationException($"'{resource}' has no process.");
        return ProcessTable.WithDescendants(pid).Last();
    }

    public static bool IsRunningAndHealthy(this CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;

    /// <summary>Every process of the application: its resources', theirs below, and DCP's own above them.</summary>
    public static IReadOnlyList<int> AllProcesses(this DistributedApplication app)
    {
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Select(r => app.ResourceNotifications.TryGetCurrentState(r.Name, out var update) ? update.Snapshot.ProcessId() : null)
            .OfType<int>()
            .ToList();
        return resources.SelectMany(ProcessTable.WithDescendants).Concat(resources.SelectMany(ProcessTable.DcpAncestors)).Distinct().ToList();
    }

    public static async Task<string> LastLogLinesAsync(this DistributedApplication app, string resource, int count)
    {
        // Console logs are kept under the resource's id (its name plus DCP's suffix), not its name.
        var id = app.ResourceNotifications.TryGetCurrentState(resource, out var update) ? update.ResourceId : resource;
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(id).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException)
        {
            // The watch replays what is there, then waits for more: two seconds is enough to have the backlog.
        }

        return string.Join(Environment.NewLine, lines.TakeLast(count));
    }

    private static async Task ExecuteAsync(ResourceCommandService commands, string resource, string command, CancellationToken cancellationToken)
    {
        var target = Models.TryGetValue(commands, out var model) ? model.Resources.FirstOrDefault(r => r.Name == resource) : null;
        var result = target is not null
            ? await commands.ExecuteCommandAsync(target, command, cancellationToken)
            : await commands.ExecuteCommandAsync(resource, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{resource}' failed: {result.Message}");
        }
    }
}
