using Microsoft.Extensions.Hosting;

namespace Mart.Hosting.Orchestration;

/// <summary>What every resource runner needs from the running application.</summary>
internal sealed class RunContext(
    DistributedApplicationOptions options,
    IHostEnvironment environment,
    StateFolder state,
    bool ephemeralState,
    ResourceNotificationService notifications,
    ConsoleLogStore consoleLogs,
    AppHostConsole console,
    TimeProvider timeProvider)
{
    public DistributedApplicationOptions Options { get; } = options;

    public IHostEnvironment Environment { get; } = environment;

    public StateFolder State { get; } = state;

    /// <summary>The state folder is thrown away after the run (tests): servers may trade durability for speed.</summary>
    public bool EphemeralState { get; } = ephemeralState;

    public ResourceNotificationService Notifications { get; } = notifications;

    public ConsoleLogStore ConsoleLogs { get; } = consoleLogs;

    public AppHostConsole Console { get; } = console;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Where services send OTLP (the dashboard's receiver); set once the dashboard listens.</summary>
    public string? OtlpEndpoint { get; set; }
}
