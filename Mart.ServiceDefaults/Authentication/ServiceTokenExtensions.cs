using Mart.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>A service calling another as itself: its client (<c>Identity:ClientId</c>, <c>Identity:ClientSecret</c>,
/// registered by the AppHost) gets tokens by client credentials.</summary>
public static class ServiceTokenExtensions
{
    /// <summary>Sends this service's token, granted <paramref name="scope"/>, with every request of the client.</summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder http, string scope)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        AddServiceClient(http.Services);

        // One token cache per client and scope, for the application's lifetime: handlers are rotated, tokens kept.
        var key = $"{http.Name}:{scope}";
        http.Services.TryAddKeyedSingleton(key, (services, _) =>
            new ServiceTokenCache(services.GetRequiredService<ClientCredentialsClient>(), services.GetRequiredService<TimeProvider>(), scope));
        return http.AddHttpMessageHandler(services => new ServiceTokenHandler(services.GetRequiredKeyedService<ServiceTokenCache>(key)));
    }

    private static void AddServiceClient(IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(ServiceClientMarker)))
        {
            return;
        }

        services.AddSingleton<ServiceClientMarker>();
        services.AddValidatedOptions<IdentityProviderOptions>(IdentityProviderOptions.SectionName).Validate(
            identity => !string.IsNullOrEmpty(identity.ClientId) && !string.IsNullOrEmpty(identity.ClientSecret),
            "Identity:ClientId and Identity:ClientSecret are required to call another service (the AppHost sets them with WithIdentityClient).");
        services.AddHttpClient(ClientCredentialsClient.HttpClientName);
        services.AddSingleton<ClientCredentialsClient>();
    }

    private sealed class ServiceClientMarker;
}
