using Microsoft.Extensions.DependencyInjection.Extensions;
using Mart.Products.Caching;
using Mart.Products.Data;

namespace Mart.Products;

/// <summary>The services behind the products API and its event handlers.</summary>
public static class ProductsHostingExtensions
{
    public static IHostApplicationBuilder AddProductsServices(this IHostApplicationBuilder builder)
    {
        builder.AddMartCache("products:");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProductCacheInvalidator>();
        builder.Services.AddSingleton<ProductReader>();

        // Singleton, so it also applies to the pooled contexts, whose options are built once.
        builder.Services.ConfigureDbContext<ProductsDbContext>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<ProductCacheInvalidator>()),
            ServiceLifetime.Singleton);
        return builder;
    }
}
