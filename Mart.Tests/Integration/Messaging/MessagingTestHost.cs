using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

/// <summary>
/// One replica of a test service, wired exactly like a Mart service: pooled Npgsql DbContext with retries, SQL
/// migrations, Redis client, messaging, and a handler for <see cref="ProductCreated"/> on its own stream.
/// Timings are shortened so retries, claims and reconnects happen within a test's patience.
/// </summary>
internal sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private MessagingTestHost(IHost host, string databaseConnectionString, string serviceName)
    {
        this.host = host;
        DatabaseConnectionString = databaseConnectionString;
        ServiceName = serviceName;
    }

    public string DatabaseConnectionString { get; }

    public string ServiceName { get; }

    public string Stream => StreamNames.ForService(ServiceName);

    public IServiceProvider Services => host.Services;

    public IDatabase Redis => host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    /// <summary>Every entry of <paramref name="stream"/>, oldest first.</summary>
    public async Task<List<EventStreamEntry>> RangeAsync(string stream) =>
        [.. (await Redis.StreamRangeAsync(stream)).Select(EventStreamEntry.From)];

    /// <summary>Entries of this service's stream delivered to its group and not acknowledged yet.</summary>
    public async Task<long> PendingAsync() => (await Redis.StreamPendingAsync(Stream, ServiceName)).PendingMessageCount;

    public static async Task<MessagingTestHost> StartAsync(
        string databaseConnectionString,
        string redisConnectionString,
        string serviceName,
        string consumerName,
        HandlerScript script,
        ITestOutputHelper output,
        Action<MessagingOptions>? configure = null,
        bool subscribe = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ApplicationName = serviceName,
        });
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:db"] = databaseConnectionString,
            ["ConnectionStrings:redis"] = redisConnectionString,
        });
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, consumerName));

        builder.AddNpgsqlDbContext<MessagingTestDbContext>("db");
        builder.AddSqlMigrations<MessagingTestDbContext>();
        builder.AddSqlMigrationScripts([MessagingTestDbContext.EffectsTable]);
        builder.AddRedisClient("redis", configureOptions: redis => redis.ReconnectRetryPolicy = new LinearRetry(200));
        builder.AddMartMessaging<MessagingTestDbContext>(serviceName, options =>
        {
            options.ConsumerName = consumerName;
            options.Relay.PollInterval = TimeSpan.FromMilliseconds(500);
            options.Relay.RetryMinDelay = TimeSpan.FromMilliseconds(50);
            options.Relay.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            options.Relay.BacklogSampleInterval = TimeSpan.FromMilliseconds(200);
            options.Consumer.BlockTime = TimeSpan.FromMilliseconds(500);
            options.Consumer.MaxAttempts = 3;
            options.Consumer.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            options.Consumer.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
            options.Consumer.ClaimIdleTime = TimeSpan.FromSeconds(2);
            options.Consumer.ClaimInterval = TimeSpan.FromMilliseconds(250);
            options.Consumer.LagSampleInterval = TimeSpan.FromMilliseconds(250);
            options.Consumer.ReconnectMinDelay = TimeSpan.FromMilliseconds(50);
            options.Consumer.ReconnectMaxDelay = TimeSpan.FromMilliseconds(500);
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton(script);
        if (subscribe)
        {
            builder.AddEventHandler<ProductCreated, RecordingHandler>(StreamNames.ForService(serviceName));
        }

        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await host.StartAsync(timeout.Token);
        return new MessagingTestHost(host, databaseConnectionString, serviceName);
    }

    /// <summary>Commits one outbox row per message, each in its own SaveChanges, as a request handler would.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PublishAsync(params ProductCreated[] messages)
    {
        var rows = new List<OutboxMessage>();
        foreach (var message in messages)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            rows.Add(scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(db, message));
            await db.SaveChangesAsync();
        }

        return rows;
    }

    /// <summary>Commits all messages in one SaveChanges: one transaction, consecutive ids.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PublishTogetherAsync(params ProductCreated[] messages)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var rows = messages.Select(message => outbox.Enqueue(db, message)).ToList();
        await db.SaveChangesAsync();
        return rows;
    }

    /// <summary>
    /// Publishes a product.created for each of <paramref name="products"/> in one transaction and waits until the relay
    /// has put them all on the stream; with no consumer running yet, the next one to start reads them in one batch.
    /// </summary>
    public async Task PublishCreatedOntoStreamAsync(IReadOnlyCollection<string> products)
    {
        var before = await Redis.StreamLengthAsync(Stream);
        await PublishTogetherAsync([.. products.Select(product => new ProductCreated { ProductId = product })]);
        await Eventually.TrueAsync(async () => await Redis.StreamLengthAsync(Stream) == before + products.Count, "the events are on the stream");
    }

    public async Task<long> CountEffectsAsync(string productId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM handled_effects WHERE product_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = productId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<HandledEffect>> EffectsAsync(string productId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, message_id, consumer, trace_id, parent_id FROM handled_effects WHERE product_id = $1 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = productId });
        await using var reader = await command.ExecuteReaderAsync();
        var effects = new List<HandledEffect>();
        while (await reader.ReadAsync())
        {
            effects.Add(new HandledEffect
            {
                Id = reader.GetGuid(0),
                MessageId = reader.GetGuid(1),
                ProductId = productId,
                Consumer = reader.GetString(2),
                TraceId = reader.IsDBNull(3) ? null : reader.GetString(3),
                ParentId = reader.IsDBNull(4) ? null : reader.GetString(4),
            });
        }

        return effects;
    }

    public async Task<bool> IsSentAsync(Guid outboxId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = outboxId });
        // No row means not committed yet (invisible to this connection), so not sent either.
        return await command.ExecuteScalarAsync() is true;
    }

    /// <summary>Stops like a killed process would look to Redis: whatever was being handled stays unacknowledged.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }
}
