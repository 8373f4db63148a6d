namespace Mart.ServiceDefaults.Discovery;

/// <summary>
/// Sends each request to the endpoint its logical URI resolves to. The logical URI is put back afterwards, so an
/// outer retry resolves again (the configuration may have changed) and callers see the URI they asked for.
/// </summary>
internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = request.RequestUri;
        request.RequestUri = logical is null ? null : resolver.Resolve(logical);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = logical;
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = request.RequestUri;
        request.RequestUri = logical is null ? null : resolver.Resolve(logical);
        try
        {
            return base.Send(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = logical;
        }
    }
}
