using Microsoft.Extensions.Configuration;

namespace Mart.AppHost.Servers;

/// <summary>How PostgreSQL and Redis are provided in this run.</summary>
internal enum ServerKind
{
    /// <summary>Aspire's container resources: always when publishing, and in run mode when asked for.</summary>
    Container,

    /// <summary>The machine's own binaries as executables (run mode without containers, the default).</summary>
    LocalProcess,

    /// <summary>A server somebody else runs, given by <c>ConnectionStrings__{name}</c>.</summary>
    Existing,
}

internal static class ServerMode
{
    /// <summary>Set to true (<c>AppHost__UseContainers=true</c>) where a container runtime is healthy.</summary>
    public const string UseContainersKey = "AppHost:UseContainers";

    /// <summary>Set to false in throw-away runs (tests): the local servers then skip fsync, which buys nothing for data
    /// deleted afterwards.</summary>
    public const string DurableKey = "AppHost:DurableState";

    public static ServerKind For(IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode || builder.Configuration.GetValue<bool>(UseContainersKey))
        {
            return ServerKind.Container;
        }

        return string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)) ? ServerKind.LocalProcess : ServerKind.Existing;
    }

    public static bool IsDurable(IDistributedApplicationBuilder builder) => builder.Configuration.GetValue(DurableKey, true);

    /// <summary>When root, the OS user PostgreSQL runs as (it refuses to run as root); null otherwise.</summary>
    public static string? PostgresServiceUser => !OperatingSystem.IsWindows() && Environment.UserName == "root" ? "postgres" : null;
}
