using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Orders.Catalog;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Mart.Orders.Events;
using Mart.Orders.Process;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Configuration;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Extensions;

/// <summary>Everything Orders registers besides the service defaults.</summary>
public static class OrdersServiceExtensions
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb");
        builder.AddDefaultAuthentication(audience: "orders");
        builder.AddRedisClient("redis");
        builder.AddMartMessaging<OrdersDbContext>("orders");
        builder.Services.AddOpenApiTag("Orders", "Placing, reading and cancelling orders; each order follows the order flow from placed to completed or cancelled.");

        builder.Services.AddValidatedOptions<OrdersOptions>(OrdersOptions.SectionName);

        // Service discovery resolves "products" from services__products__http__0.
        builder.Services.AddHttpClient<ProductCatalog>(http => http.BaseAddress = new Uri("http://products"));

        builder.Services.AddScoped<OrderProcess>();
        builder.Services.AddHostedService<OrderTimeoutSweeper>();

        builder.AddEventHandler<StockReserved, StockReservedHandler>();
        builder.AddEventHandler<StockRejected, StockRejectedHandler>();
        builder.AddEventHandler<PaymentSucceeded, PaymentSucceededHandler>();
        builder.AddEventHandler<PaymentFailed, PaymentFailedHandler>();
        builder.AddEventHandler<PaymentRefunded, PaymentRefundedHandler>();
        return builder;
    }
}
