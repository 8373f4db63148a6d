using Mart.Hosting.Orchestration;

namespace Mart.Hosting;

/// <summary>The stop, start and restart commands Aspire offers on each resource.</summary>
public sealed class ResourceCommandService
{
    private readonly ResourceOrchestrator _orchestrator;

    internal ResourceCommandService(ResourceOrchestrator orchestrator) => _orchestrator = orchestrator;

    public Task StopResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _orchestrator.GetRunner(resourceName).StopAsync(cancellationToken);

    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        _orchestrator.GetRunner(resourceName).Start();
        return _orchestrator.Notifications.WaitForResourceHealthyAsync(resourceName, cancellationToken);
    }

    public async Task RestartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(resourceName, cancellationToken).ConfigureAwait(false);
        await StartResourceAsync(resourceName, cancellationToken).ConfigureAwait(false);
    }
}
