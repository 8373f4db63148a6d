using Microsoft.Extensions.Logging;

namespace Mart.AppHost.Servers;

/// <summary>What the local servers write to their resources' console logs.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void CommandOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating a new PostgreSQL cluster in {DataFolder}")]
    public static partial void CreatingCluster(ILogger logger, string dataFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    public static partial void CreatedDatabase(ILogger logger, string database);
}
