using Mart.Contracts;
using Mart.Data;
using Mart.Data.Caching;
using Mart.Messaging;
using Mart.Products.Apis;
using Mart.Products.Caching;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Mart.Products.Reconciliation;
using Mart.Products.Seeding;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Configuration;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mart.Products.Extensions;

/// <summary>Everything Products registers besides the service defaults.</summary>
public static class ProductsServiceExtensions
{
    public static IHostApplicationBuilder AddProductsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProductsDbContext>("productsdb");
        builder.AddDefaultAuthentication(audience: "products");
        builder.AddRedisClient("redis");
        builder.AddMartMessaging<ProductsDbContext>("products");
        builder.AddMartCache("products");
        builder.Services.AddOpenApiTag("Products", "The catalog: products with their prices, and their stock on hand and reserved.");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ProductsJsonContext.Default));
        builder.Services.AddSingleton<ProductCacheInvalidator>();
        builder.Services.AddSingleton<ProductReader>();
        builder.Services.AddScoped<StockWrites>();
        builder.Services.AddScoped<StockLedger>();

        // Singleton, so it also applies to the pooled contexts, whose options are built once.
        builder.Services.ConfigureDbContext<ProductsDbContext>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<ProductCacheInvalidator>()),
            ServiceLifetime.Singleton);
        builder.Services.AddValidatedOptions<CatalogSeedOptions>(CatalogSeedOptions.SectionName);

        // After the migrations (registered by AddSqlMigrations, earlier), before Kestrel serves requests.
        builder.Services.AddHostedService<CatalogSeeder>();
        builder.AddStockEventHandlers();
        builder.AddReservationReconciliation();
        return builder;
    }

    /// <summary>The sweep that settles, from Orders' answer, reservations whose settling event never came.</summary>
    private static IHostApplicationBuilder AddReservationReconciliation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ReconciliationOptions>(ReconciliationOptions.SectionName);

        // Service discovery resolves "orders" from services__orders__http__0; Orders answers Products' own client
        // (client credentials) about any order.
        builder.Services.AddHttpClient<OrderStatusClient>(http => http.BaseAddress = new Uri("http://orders"))
            .AddServiceToken(scope: "orders");
        builder.Services.AddSingleton<ReconciliationMetrics>();
        builder.Services.AddHostedService<StaleReservationSweeper>();
        return builder;
    }

    /// <summary>
    /// Stock follows the order flow: reserve on order.placed, sell on order.completed, release on order.cancelled,
    /// restock on payment.refunded.
    /// </summary>
    private static IHostApplicationBuilder AddStockEventHandlers(this IHostApplicationBuilder builder)
    {
        builder.AddEventHandler<OrderPlaced, OrderPlacedHandler>();
        builder.AddEventHandler<OrderCompleted, OrderCompletedHandler>();
        builder.AddEventHandler<OrderCancelled, OrderCancelledHandler>();
        builder.AddEventHandler<PaymentRefunded, PaymentRefundedHandler>();
        return builder;
    }
}
