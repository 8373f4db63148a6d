namespace Mart.Hosting;

/// <summary>Options for <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Give every endpoint a random free port instead of its stable default (tests do).</summary>
    public bool RandomizePorts { get; init; }

    /// <summary>Where servers keep their data and generated secrets; null means the configured or default folder.</summary>
    public string? StateFolder { get; init; }

    /// <summary>Show the live resource table on the terminal (only when standard output is a terminal).</summary>
    public bool ShowTerminalView { get; init; } = true;

    public string? EnvironmentName { get; init; }
}
