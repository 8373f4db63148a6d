using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Mart.Hosting.Dashboard;
using Mart.Hosting.Orchestration;
using Mart.Hosting.Terminal;

namespace Mart.Hosting;

/// <summary>The built application: runs the model (or writes its manifest in publish mode) until stopped.</summary>
public sealed class DistributedApplication : IAsyncDisposable, IDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly RunContext _context;
    private readonly ResourceOrchestrator _orchestrator;
    private readonly DashboardHost _dashboard;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _ephemeralStateFolder;
    private int _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder, string? ephemeralStateFolder = null)
    {
        _builder = builder;
        _ephemeralStateFolder = ephemeralStateFolder;
        var options = builder.Options;
        var stateFolder = ephemeralStateFolder ?? options.StateFolder ?? builder.Configuration["AppHost:StateFolder"] ?? Path.Combine(builder.AppHostDirectory, ".state");
        var state = new StateFolder(stateFolder);
        var timeProvider = TimeProvider.System;
        ResourceNotifications = new ResourceNotificationService(timeProvider);
        ConsoleLogs = new ConsoleLogStore(timeProvider, ephemeralStateFolder is null ? state.LogsFolder : null);
        var randomize = builder.Configuration.GetValue<bool?>("AppHost:RandomizePorts") ?? options.RandomizePorts;
        _context = new RunContext(
            new DistributedApplicationOptions
            {
                Args = options.Args,
                RandomizePorts = randomize,
                StateFolder = state.Path,
                ShowTerminalView = options.ShowTerminalView,
            },
            builder.Environment, state, ephemeralStateFolder is not null, ResourceNotifications, ConsoleLogs,
            new AppHostConsole(timeProvider, ConsoleLogs), timeProvider);
        _orchestrator = new ResourceOrchestrator(builder.Resources, _context);
        ResourceCommands = new ResourceCommandService(_orchestrator);
        _dashboard = new DashboardHost(DashboardUrl(builder, randomize), ResourceNotifications, ResourceCommands, ConsoleLogs, builder.Configuration, builder.Resources, _context);
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        Testing.ModelCapture.AdjustOptions(options) is { } adjusted
            ? new DistributedApplicationBuilder(adjusted)
            : new DistributedApplicationBuilder(options);

    public ResourceNotificationService ResourceNotifications { get; }

    public ResourceCommandService ResourceCommands { get; }

    public ConsoleLogStore ConsoleLogs { get; }

    /// <summary>The AppHost's own endpoint (the dashboard and <c>/api/resources</c>); known once started.</summary>
    public Uri DashboardUri => _dashboard.Uri;

    /// <summary>The folder where servers keep their data and passwords.</summary>
    public string StateFolder => _context.State.Path;

    public IReadOnlyList<IResource> Resources => _builder.Resources;

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs until Ctrl+C or SIGTERM, then stops everything; in publish mode writes the manifest instead.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_builder.ExecutionContext.IsPublishMode)
        {
            Publishing.ManifestPublisher.Publish(_builder);
            return;
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnStopSignal);
        await using var registration = cancellationToken.Register(() => _stopRequested.TrySetResult());

        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DistributedApplicationException ex)
        {
            await Console.Error.WriteLineAsync($"Mart.AppHost cannot start: {ex.Message}").ConfigureAwait(false);
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            Environment.ExitCode = 1;
            return;
        }

        await using (var view = new ResourceTableView(ResourceNotifications, _context.Console, DashboardUri, _context.Options.ShowTerminalView))
        {
            view.Start();
            await _stopRequested.Task.ConfigureAwait(false);
            _context.Console.Write("Stopping: services first, then databases and servers.");
            await _orchestrator.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Console.Error.WriteLine("Stopped.");
    }

    /// <summary>Starts the dashboard and launches every resource; resources become healthy in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _orchestrator.Prepare();
        await _dashboard.StartAsync(cancellationToken).ConfigureAwait(false);
        _context.OtlpEndpoint = _builder.Configuration["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] ?? _dashboard.Uri.ToString().TrimEnd('/');
        _orchestrator.Launch();
    }

    /// <summary>Stops every resource (dependents first) and the dashboard; no child process outlives this call.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _orchestrator.StopAsync(cancellationToken).ConfigureAwait(false);
        await _dashboard.DisposeAsync().ConfigureAwait(false);
        ConsoleLogs.Dispose();
        if (_ephemeralStateFolder is not null)
        {
            TryDelete(_ephemeralStateFolder);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void OnStopSignal(PosixSignalContext context)
    {
        context.Cancel = true; // We stop the children ourselves, in order, then return from Run.
        _stopRequested.TrySetResult();
    }

    private static string DashboardUrl(DistributedApplicationBuilder builder, bool randomize) =>
        randomize
            ? "http://127.0.0.1:0"
            : builder.Configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries)[0] ?? "http://localhost:18888";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
