using Mart.ServiceDefaults.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Microsoft.Extensions.Http.Resilience declares AddStandardResilienceHandler in this namespace; kept for familiarity.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the standard resilience pipeline for HttpClients.</summary>
public static class ResilienceExtensions
{
    /// <summary>Registers the pipelines and binds <see cref="HttpResilienceOptions"/> from section <c>Resilience</c>.</summary>
    public static IServiceCollection AddStandardResilience(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(HttpResiliencePipelines)))
        {
            return services;
        }

        services.AddOptions<HttpResilienceOptions>().BindConfiguration(HttpResilienceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpResilienceOptions>, HttpResilienceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HttpResiliencePipelines>();
        return services;
    }

    /// <summary>Adds total timeout, retry, circuit breaker and attempt timeout to this client.</summary>
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddStandardResilience();
        return builder.AddHttpMessageHandler(services => new ResilienceHandler(services.GetRequiredService<HttpResiliencePipelines>()));
    }
}
