using System.Net;
using System.Net.Http.Headers;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>Puts this service's own access token on every request of an HttpClient.</summary>
internal sealed class ServiceTokenHandler(ServiceTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            tokens.Drop(token);
        }

        return response;
    }
}
