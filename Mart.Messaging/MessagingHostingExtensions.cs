using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ConfigurationOptions = StackExchange.Redis.ConfigurationOptions;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace Mart.Messaging;

/// <summary>Registers Mart's event streams: outbox, relay, consumers and handlers.</summary>
public static class MessagingHostingExtensions
{
    /// <summary>
    /// Publishing for <paramref name="serviceName"/>: <see cref="IOutbox"/> and its relay to
    /// <c>mart.&lt;serviceName&gt;</c>; also names the consumer group and adds the <see cref="MessagingSchema"/>
    /// scripts to the service's migrations.
    /// </summary>
    /// <remarks>Needs <c>AddRedisClient</c> and a <typeparamref name="TContext"/> that maps the outbox
    /// (<c>modelBuilder.AddOutbox()</c>); settings from <c>Mart:Messaging</c>, then
    /// <paramref name="configure"/>.</remarks>
    public static IHostApplicationBuilder AddMartMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<MessagingOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(MessagingDbContextType)))
        {
            throw new InvalidOperationException("AddMartMessaging was already called: one service has one outbox and one consumer group.");
        }

        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .Configure(options =>
            {
                options.ServiceName = serviceName;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());

        services.AddRedisFailFast();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(EventTypeRegistry.Default);
        services.TryAddSingleton<MessageIds>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<IOutbox, Outbox>();
        services.TryAddSingleton<OutboxCommitInterceptor>();
        services.TryAddSingleton<DeadLetterWriter>();
        services.TryAddSingleton<MessagingProgress>();
        services.AddHealthChecks().AddCheck<MessagingHealthCheck>("messaging", HealthStatus.Degraded);
        services.AddSingleton(new MessagingDbContextType(typeof(TContext)));

        // Singleton so it also applies to pooled contexts, whose options are built once from the root provider.
        services.ConfigureDbContext<TContext>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()),
            ServiceLifetime.Singleton);
        services.AddHostedService<OutboxRelay<TContext>>();
        builder.AddSqlMigrationScripts(MessagingSchema.Migrations);
        return builder;
    }

    /// <summary>Runs <typeparamref name="THandler"/> (scoped) for every <typeparamref name="TMessage"/> on the stream
    /// its contract names, in this service's consumer group.</summary>
    public static IHostApplicationBuilder AddEventHandler<TMessage, THandler>(this IHostApplicationBuilder builder)
        where TMessage : class, IMessage<TMessage>, new()
        where THandler : class, IEventHandler<TMessage> =>
        builder.AddEventHandler<TMessage, THandler>(EventTypeRegistry.Default.GetStream<TMessage>());

    /// <summary>As above, on <paramref name="stream"/>; the first handler for a stream adds its consumer.</summary>
    public static IHostApplicationBuilder AddEventHandler<TMessage, THandler>(this IHostApplicationBuilder builder, string stream)
        where TMessage : class, IMessage<TMessage>
        where THandler : class, IEventHandler<TMessage>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);

        var services = builder.Services;
        var firstForStream = !services.Any(descriptor =>
            descriptor.ServiceType == typeof(EventHandlerRegistration)
            && descriptor.ImplementationInstance is EventHandlerRegistration registration
            && registration.Stream == stream);

        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventHandlerRegistration(
            stream,
            typeof(TMessage),
            typeof(THandler),
            static (provider, message, context, cancellationToken) =>
                provider.GetRequiredService<THandler>().HandleAsync((TMessage)message, context, cancellationToken)));

        if (firstForStream)
        {
            services.AddSingleton<IHostedService>(provider => CreateConsumer(provider, stream));
        }

        return builder;
    }

    private static StreamConsumer CreateConsumer(IServiceProvider provider, string stream)
    {
        var contextType = provider.GetService<MessagingDbContextType>()
            ?? throw new InvalidOperationException($"AddEventHandler for '{stream}' needs AddMartMessaging<TContext>(serviceName): it names the consumer group and the DbContext that holds the inbox.");
        var setup = new ConsumerSetup(
            stream,
            provider.GetRequiredService<IOptions<MessagingOptions>>().Value,
            provider.GetRequiredService<EventTypeRegistry>(),
            contextType.ContextType,
            provider.GetServices<EventHandlerRegistration>());

        var redis = provider.GetRequiredService<IConnectionMultiplexer>();
        var metrics = provider.GetRequiredService<MessagingMetrics>();
        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        var processor = new EventProcessor(
            setup,
            provider.GetRequiredService<IServiceScopeFactory>(),
            redis.GetDatabase(),
            provider.GetRequiredService<DeadLetterWriter>(),
            metrics,
            provider.GetRequiredService<MessagingProgress>(),
            timeProvider,
            loggerFactory.CreateLogger<EventProcessor>());
        return new StreamConsumer(
            setup,
            processor,
            redis,
            new BlockingReadConnection(
                provider.GetRequiredService<IOptions<ConfigurationOptions>>().Value,
                $"{setup.Group}:{setup.ConsumerName}",
                setup.Options.BlockTime),
            metrics,
            timeProvider,
            loggerFactory.CreateLogger<StreamConsumer>());
    }
}
