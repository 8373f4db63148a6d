namespace Mart.Hosting.Testing;

/// <summary>How tests reach a running application's resources, as in Aspire.Hosting.Testing.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose base address is the resource's HTTP endpoint.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null) =>
        new() { BaseAddress = app.GetEndpoint(resourceName, endpointName) };

    public static Uri GetEndpoint(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        var resource = Find(app, resourceName) as IResourceWithEndpoints
            ?? throw new ArgumentException($"Resource '{resourceName}' has no endpoints.", nameof(resourceName));
        var endpoint = endpointName is null
            ? resource.Endpoints[0]
            : resource.Endpoints.FirstOrDefault(e => e.Name == endpointName)
              ?? throw new ArgumentException($"Resource '{resourceName}' has no endpoint named '{endpointName}'.", nameof(endpointName));
        return new Uri(endpoint.Url);
    }

    public static async Task<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default) =>
        Find(app, resourceName) is IResourceWithConnectionString connectable
            ? await connectable.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false)
            : throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));

    private static IResource Find(DistributedApplication app, string resourceName) =>
        app.Resources.FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));
}
