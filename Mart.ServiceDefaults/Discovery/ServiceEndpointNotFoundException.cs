namespace Mart.ServiceDefaults.Discovery;

/// <summary>A logical service name has no endpoint in configuration.</summary>
public sealed class ServiceEndpointNotFoundException(string serviceName, IReadOnlyList<string> configurationKeys)
    : InvalidOperationException(BuildMessage(serviceName, configurationKeys))
{
    /// <summary>The service that could not be resolved.</summary>
    public string ServiceName { get; } = serviceName;

    /// <summary>The keys that were looked up, in order of preference.</summary>
    public IReadOnlyList<string> ConfigurationKeys { get; } = configurationKeys;

    private static string BuildMessage(string serviceName, IReadOnlyList<string> keys)
    {
        var tried = string.Join(" or ", keys.Select(key => $"'{key}' (environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}')"));
        return $"Service '{serviceName}' cannot be resolved: configuration key {tried} is not set. "
            + "Reference the service from the AppHost (WithReference) or set the key to its URL.";
    }
}
