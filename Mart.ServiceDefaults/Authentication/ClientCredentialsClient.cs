using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>
/// Asks the identity service for this service's own token (client credentials, RFC 6749 §4.4), at the token
/// endpoint its discovery document names. IdentityModel reads and caches the document, as it does for JwtBearer.
/// </summary>
internal sealed class ClientCredentialsClient
{
    public const string HttpClientName = "identity-client-credentials";

    private readonly IHttpClientFactory _clients;
    private readonly IdentityProviderOptions _identity;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;

    public ClientCredentialsClient(IHttpClientFactory clients, IOptions<IdentityProviderOptions> identity)
    {
        _clients = clients;
        _identity = identity.Value;
        var discovery = new Uri(new Uri(_identity.Url!, UriKind.Absolute), ".well-known/openid-configuration");
        // Plain http inside the application, as for token validation (AuthenticationExtensions). The document is read
        // rarely (cached for hours), so one client for its lifetime is fine.
        var retriever = new HttpDocumentRetriever(clients.CreateClient(HttpClientName)) { RequireHttps = false };
        _metadata = new(discovery.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public async Task<(string AccessToken, TimeSpan ExpiresIn)> RequestAsync(string scope, CancellationToken cancellationToken)
    {
        var metadata = await _metadata.GetConfigurationAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };

        // client_secret_basic: each part form-encoded before Base64 (RFC 6749 §2.3.1).
        var credentials = $"{Uri.EscapeDataString(_identity.ClientId!)}:{Uri.EscapeDataString(_identity.ClientSecret!)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var response = await _clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        if (!response.IsSuccessStatusCode || answer?.AccessToken is not { Length: > 0 } token)
        {
            throw new HttpRequestException(
                $"The identity service refused client '{_identity.ClientId}' a token for '{scope}': {(int)response.StatusCode} {answer?.Error} {answer?.ErrorDescription}".TrimEnd(),
                null,
                response.StatusCode);
        }

        return (token, TimeSpan.FromSeconds(answer.ExpiresIn ?? 300));
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
