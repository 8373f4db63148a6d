namespace Mart.Messaging;

/// <summary>Names this process among the replicas of a service.</summary>
public static class InstanceIdentity
{
    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary><c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c> (the AppHost sets it per replica, so
    /// traces, logs and consumer name agree), else machine name and process id.</summary>
    public static string Resolve(string? resourceAttributes, string machineName, int processId) =>
        FromResourceAttributes(resourceAttributes) ?? $"{machineName}-{processId}";

    /// <summary><see cref="Resolve(string?, string, int)"/> for the current process.</summary>
    public static string Current() =>
        Resolve(Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES"), Environment.MachineName, Environment.ProcessId);

    // Comma-separated key=value pairs, values percent-encoded (OpenTelemetry resource SDK spec).
    private static string? FromResourceAttributes(string? attributes)
    {
        if (string.IsNullOrWhiteSpace(attributes))
        {
            return null;
        }

        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() == InstanceIdAttribute)
            {
                var value = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }
}
