using Mart.ServiceDefaults.Discovery;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Aspire's ServiceDiscovery package declares these in this namespace; kept so the call sites read the same.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers configuration-based service discovery.</summary>
public static class ServiceDiscoveryExtensions
{
    /// <summary>Registers <see cref="ServiceEndpointResolver"/>.</summary>
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ServiceEndpointResolver>();
        return services;
    }

    /// <summary>Resolves logical names (e.g. <c>https+http://products</c>) in this client's request URIs.</summary>
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddServiceDiscovery();
        return builder.AddHttpMessageHandler(services => new ServiceDiscoveryHandler(services.GetRequiredService<ServiceEndpointResolver>()));
    }
}
