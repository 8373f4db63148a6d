namespace Mart.Hosting;

/// <summary>Life-cycle states a resource reports.</summary>
public static class ResourceStates
{
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Exited = "Exited";
    public const string Failed = "Failed";
    public const string Stopped = "Stopped";
}

/// <summary>Health a resource reports.</summary>
public static class HealthStates
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}

/// <summary>What is known about a resource at one moment.</summary>
/// <param name="ProcessIds">Operating-system ids of the resource's processes (one per replica) while they run.</param>
/// <param name="Error">Why the resource failed, when it did; set with <paramref name="IsFatal"/> when no restart will help.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string Health,
    IReadOnlyList<string> Urls,
    IReadOnlyList<int> ProcessIds,
    int Restarts,
    int? ExitCode,
    string? Error,
    bool IsFatal,
    DateTimeOffset ChangedAt);
