using Microsoft.Extensions.Configuration;

namespace Mart.ServiceDefaults.Discovery;

/// <summary>
/// Resolves logical service URIs with Aspire's configuration convention: <c>http://orders</c> becomes the URL in
/// <c>services:orders:http:0</c> (environment variable <c>services__orders__http__0</c>), <c>https://orders</c> reads
/// <c>https:0</c>, <c>https+http://orders</c> prefers https and falls back to http, and <c>http://_grpc.orders</c>
/// reads the named endpoint <c>services:orders:grpc:0</c>. Path and query are kept.
/// </summary>
/// <remarks>
/// A host is treated as a service name when it is configured under <c>services</c>, or when it is a single DNS label
/// other than <c>localhost</c> (no cluster DNS here would answer for one, so failing with the missing key is kinder
/// than a name-resolution error). Everything else, such as IP literals, localhost and public host names, passes through.
/// </remarks>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>The configuration section holding service endpoints.</summary>
    public const string SectionName = "services";

    /// <summary>Returns <paramref name="uri"/> pointed at the configured endpoint, or unchanged when it names no service.</summary>
    /// <exception cref="ServiceEndpointNotFoundException">The URI names a service that has no configured endpoint.</exception>
    public Uri Resolve(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || !TryParse(uri, out var serviceName, out var endpointNames))
        {
            return uri;
        }

        foreach (var endpointName in endpointNames)
        {
            var value = configuration[Key(serviceName, endpointName)];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Rewrite(uri, ParseEndpoint(value, endpointName, serviceName));
            }
        }

        throw new ServiceEndpointNotFoundException(serviceName, [.. endpointNames.Select(name => Key(serviceName, name))]);
    }

    /// <summary>The configuration key of an endpoint, e.g. <c>services:orders:http:0</c>.</summary>
    public static string Key(string serviceName, string endpointName) => $"{SectionName}:{serviceName}:{endpointName}:0";

    private bool TryParse(Uri uri, out string serviceName, out string[] endpointNames)
    {
        serviceName = uri.Host;
        endpointNames = uri.Scheme.ToLowerInvariant() switch
        {
            "http" => ["http"],
            "https" => ["https"],
            "https+http" => ["https", "http"],
            "http+https" => ["http", "https"],
            _ => [],
        };

        // "_name.service" selects a named endpoint of the service (Aspire's syntax).
        if (serviceName.StartsWith('_') && serviceName.IndexOf('.') is var dot and > 1)
        {
            endpointNames = [serviceName[1..dot]];
            serviceName = serviceName[(dot + 1)..];
            return endpointNames.Length > 0;
        }

        return endpointNames.Length > 0 && IsServiceName(uri, serviceName);
    }

    private bool IsServiceName(Uri uri, string host) =>
        configuration.GetSection($"{SectionName}:{host}").Exists()
        || (uri.HostNameType == UriHostNameType.Dns
            && !host.Contains('.', StringComparison.Ordinal)
            && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase));

    // Aspire accepts both "http://host:port" and a bare "host:port".
    private static Uri ParseEndpoint(string value, string endpointName, string serviceName)
    {
        var text = value.Contains("://", StringComparison.Ordinal)
            ? value
            : $"{(endpointName == "https" ? "https" : "http")}://{value}";
        return Uri.TryCreate(text, UriKind.Absolute, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException(
                $"Configuration key '{Key(serviceName, endpointName)}' holds '{value}', which is not a URL such as 'http://localhost:5101'.");
    }

    private static Uri Rewrite(Uri uri, Uri endpoint) => new UriBuilder(uri)
    {
        Scheme = endpoint.Scheme,
        Host = endpoint.Host,
        Port = endpoint.Port,
    }.Uri;
}
