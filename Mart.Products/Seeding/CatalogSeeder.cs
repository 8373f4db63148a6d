using Mart.Data;
using Mart.Messaging;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mart.Products.Seeding;

/// <summary>
/// On start, after the migrations, fills an empty catalog (deleted products count) with <see cref="CatalogFaker"/>'s
/// products, each announced; replicas starting together take an advisory lock, so only one seeds.
/// </summary>
public sealed partial class CatalogSeeder(
    IServiceScopeFactory scopes,
    IOptions<CatalogSeedOptions> options,
    TimeProvider timeProvider,
    ILogger<CatalogSeeder> logger) : IHostedService
{
    // Any fixed number: it names the lock "seeding the catalog" within the products database.
    private const long SeedLockKey = 0x4D41_5254_5345_4544;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var seeded = await scopes.InTransactionAsync<ProductsDbContext, int>(async (db, services, ct) =>
        {
            var outbox = services.GetRequiredService<IOutbox>();
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
            if (await db.Products.AnyAsync(ct))
            {
                return 0;
            }

            var products = CatalogFaker.Generate(settings.Count, settings.RandomSeed, settings.Currency, timeProvider.GetDatabaseNow());
            db.Products.AddRange(products);
            foreach (var product in products)
            {
                outbox.Enqueue(db, ProductEvents.Created(product));
            }

            return products.Count;
        }, cancellationToken);

        if (seeded > 0)
        {
            LogSeeded(logger, seeded, settings.RandomSeed);
        }
        else
        {
            LogNotEmpty(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(4200, LogLevel.Information, "Catalog seeding is off (Products:Seed:Enabled).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(4201, LogLevel.Information, "Seeded the empty catalog with {Count} products (random seed {Seed}).")]
    private static partial void LogSeeded(ILogger logger, int count, int seed);

    [LoggerMessage(4202, LogLevel.Information, "The catalog is not empty; nothing seeded.")]
    private static partial void LogNotEmpty(ILogger logger);
}
