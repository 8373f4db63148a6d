using Mart.Identity.Domain;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Mart.Identity.Clients;

/// <summary>CORS for the token endpoint: a browser page (an API's Swagger UI) redeems its code from the origin of a
/// registered redirect URI. Loopback URIs belong to native clients, which need no CORS.</summary>
public static class BrowserClientOrigins
{
    public const string Policy = "browser-clients";

    public static void AddBrowserClientOrigins(this IServiceCollection services) =>
        services.AddCors().AddOptions<CorsOptions>().Configure<IOptions<IdentitySettings>>((cors, settings) =>
        {
            var origins = settings.Value.Clients.Values
                .SelectMany(client => client.RedirectUris)
                .Where(uri => !uri.IsLoopback)
                .Select(uri => uri.GetLeftPart(UriPartial.Authority))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            cors.AddPolicy(Policy, policy => policy.WithOrigins([.. origins]).WithMethods(HttpMethods.Post).AllowAnyHeader());
        });
}
