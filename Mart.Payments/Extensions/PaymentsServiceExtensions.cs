using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Charging;
using Mart.Payments.Data;
using Mart.Payments.Events;
using Mart.Payments.Gateway;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Configuration;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Extensions;

/// <summary>Everything Payments registers besides the service defaults.</summary>
public static class PaymentsServiceExtensions
{
    public static IHostApplicationBuilder AddPaymentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>("paymentsdb");
        builder.AddDefaultAuthentication(audience: "payments");
        builder.AddRedisClient("redis");
        builder.AddMartMessaging<PaymentsDbContext>("payments");
        builder.Services.AddOpenApiTag("Payments", "Payments charged for orders by the payment gateway, and their refunds.");

        builder.Services.AddValidatedOptions<ChargingOptions>(ChargingOptions.SectionName);
        builder.Services.AddValidatedOptions<SimulatedGatewayOptions>(SimulatedGatewayOptions.SectionName);

        // The only gateway Mart ships; a real provider's adapter would replace this registration.
        builder.Services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();

        builder.Services.AddSingleton<PaymentsDueSignal>();
        builder.Services.AddSingleton<PaymentsDueListener>();
        builder.Services.AddScoped<PaymentProcessor>();
        builder.Services.AddHostedService<PaymentWorker>();

        builder.AddEventHandler<OrderAwaitingPayment, OrderAwaitingPaymentHandler>();
        builder.AddEventHandler<OrderCancelled, OrderCancelledHandler>();
        builder.AddEventHandler<OrderRefundRequested, OrderRefundRequestedHandler>();
        return builder;
    }
}
