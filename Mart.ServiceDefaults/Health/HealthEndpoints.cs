namespace Mart.ServiceDefaults.Health;

/// <summary>Paths and tags of the probes, following Aspire's ServiceDefaults.</summary>
public static class HealthEndpoints
{
    /// <summary>Readiness: every registered check (database, Redis...). The AppHost waits for 200 here.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: only checks tagged <see cref="LiveTag"/>; no dependency is consulted.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Tag for checks of the process itself.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag for checks of dependencies the service needs before it can take traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>True for the probe paths (so telemetry can leave them out).</summary>
    public static bool IsProbePath(string path) =>
        path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) || path.Equals(AlivePath, StringComparison.OrdinalIgnoreCase);
}
