using Mart.Identity.Domain;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Mart.Identity.Clients;

/// <summary>CORS for the token endpoint: a browser page (an API's Swagger UI) redeems its code from the origin of a
/// registered redirect URI. Loopback IP literals (RFC 8252) belong to native clients, which need no CORS; a page on
/// <c>localhost</c> (an API's UI in development) is a browser's.</summary>
public static class BrowserClientOrigins
{
    public const string Policy = "browser-clients";

    public static void AddBrowserClientOrigins(this IServiceCollection services) =>
        services.AddCors().AddOptions<CorsOptions>().Configure<IOptions<IdentitySettings>>((cors, settings) =>
        {
            var origins = settings.Value.Clients.Values
                .SelectMany(client => client.RedirectUris)
                .Where(uri => !(uri.IsLoopback && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6))
                .Select(uri => uri.GetLeftPart(UriPartial.Authority))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            cors.AddPolicy(Policy, policy => policy.WithOrigins([.. origins]).WithMethods(HttpMethods.Post).AllowAnyHeader());
        });
}
