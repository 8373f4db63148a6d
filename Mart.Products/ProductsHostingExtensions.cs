using Microsoft.Extensions.DependencyInjection.Extensions;
using Mart.Contracts;
using Mart.Products.Caching;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Mart.Products.Seeding;
using Mart.ServiceDefaults.Messaging;
using Mart.ServiceDefaults.Validation;

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
        builder.Services.AddScoped<StockLedger>();

        // Singleton, so it also applies to the pooled contexts, whose options are built once.
        builder.Services.ConfigureDbContext<ProductsDbContext>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<ProductCacheInvalidator>()),
            ServiceLifetime.Singleton);
        builder.Services.AddOptions<CatalogSeedOptions>()
            .BindConfiguration(CatalogSeedOptions.SectionName)
            .Validate(seed => seed.Count is >= 1 and <= 100_000, "Products:Seed:Count must be from 1 to 100000.")
            .Validate(seed => Iso4217.IsActive(seed.Currency), "Products:Seed:Currency must be an active ISO 4217 code in upper case.")
            .ValidateOnStart();

        // After the migrations (registered by AddSqlMigrations, earlier), before Kestrel serves requests.
        builder.Services.AddHostedService<CatalogSeeder>();
        return builder;
    }

    /// <summary>
    /// Stock follows the order flow: reserve on order.placed, sell on order.completed, release on order.cancelled,
    /// restock on payment.refunded. Needs <c>AddMartMessaging</c> first (consumer group "products").
    /// </summary>
    public static IHostApplicationBuilder AddStockEventHandlers(this IHostApplicationBuilder builder)
    {
        builder.AddEventHandler<OrderPlaced, OrderPlacedHandler>(StreamNames.Orders);
        builder.AddEventHandler<OrderCompleted, OrderCompletedHandler>(StreamNames.Orders);
        builder.AddEventHandler<OrderCancelled, OrderCancelledHandler>(StreamNames.Orders);
        builder.AddEventHandler<PaymentRefunded, PaymentRefundedHandler>(StreamNames.Payments);
        return builder;
    }
}
