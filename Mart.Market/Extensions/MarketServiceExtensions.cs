using Mart.Data;
using Mart.Data.Caching;
using Mart.Market.Caching;
using Mart.Market.Data;
using Mart.Market.Events;
using Mart.Market.Providers;
using Mart.Market.Providers.Finnhub;
using Mart.Market.Providers.Simulation;
using Mart.Market.Services;
using Mart.Messaging;
using Mart.ServiceDefaults.Configuration;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Mart.Market.Extensions;

/// <summary>Registers Market's services.</summary>
public static class MarketServiceExtensions
{
    /// <summary>
    /// The database, Redis and messaging, the provider (Finnhub when <c>Finnhub:ApiKey</c> is set, the simulation
    /// otherwise), the cache, storage, the watchlist refresher and the live feed.
    /// </summary>
    public static IHostApplicationBuilder AddMarketServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MarketDbContext>("marketdb");
        builder.AddRedisClient("redis");

        // Named by the key prefix, so instances given different prefixes on one Redis keep separate caches.
        var cache = builder.Configuration.GetSection(MarketCacheOptions.SectionName).Get<MarketCacheOptions>() ?? new MarketCacheOptions();
        builder.AddMartCache(cache.CacheName);
        builder.AddMartMessaging<MarketDbContext>("market");

        var services = builder.Services;
        services.AddOpenApiTag("Market", "Stock quotes, company profiles, news, exchange rates and crypto candles, cached in front of the provider, and their live stream.");
        services.TryAddSingleton(EventTypeRegistry.Default);
        services.AddMetrics();

        services.AddValidatedOptions<MarketCacheOptions>(MarketCacheOptions.SectionName);
        services.AddValidatedOptions<FinnhubOptions>(FinnhubOptions.SectionName);
        services.AddValidatedOptions<SimulationOptions>(SimulationOptions.SectionName);
        services.AddValidatedOptions<WatchlistOptions>(WatchlistOptions.SectionName);
        services.AddValidatedOptions<MarketStreamOptions>(MarketStreamOptions.SectionName);

        var finnhub = builder.Configuration.GetSection(FinnhubOptions.SectionName).Get<FinnhubOptions>() ?? new FinnhubOptions();
        if (finnhub.IsConfigured)
        {
            // FinnhubClient retries itself, because every attempt must take a slot of the call budget, and pauses every
            // caller on a 429: the standard handler's retries would spend slots behind its back, and its circuit breaker
            // (shared by every client that takes the defaults) would stop calls the budget allows. So this client gets
            // a standard handler of its own, keeping its rate limiter and timeouts without those two.
            var finnhubHttp = services.AddHttpClient(FinnhubClient.HttpClientName, (provider, client) =>
            {
                var settings = provider.GetRequiredService<IOptions<FinnhubOptions>>().Value;
                client.BaseAddress = settings.BaseAddress;
                client.DefaultRequestHeaders.Add(FinnhubClient.TokenHeader, settings.ApiKey);
            });
#pragma warning disable EXTEXP0001 // The documented way to replace the defaults' handler on one client; evaluation-only in 10.11.
            finnhubHttp.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
            finnhubHttp.AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.ShouldHandle = static _ => ValueTask.FromResult(false);
                resilience.CircuitBreaker.ShouldHandle = static _ => ValueTask.FromResult(false);
            });
            services.AddSingleton(provider => new CallBudget(
                Options.Create(provider.GetRequiredService<IOptions<FinnhubOptions>>().Value.RateLimit),
                provider.GetRequiredService<TimeProvider>()));
            services.AddSingleton<FinnhubClient>();
            services.AddSingleton<IMarketDataProvider, FinnhubProvider>();
        }
        else
        {
            services.AddSingleton<IMarketDataProvider, SimulatedProvider>();
        }

        services.AddSingleton<MarketMetrics>();
        services.AddSingleton<MarketDataService>();
        services.AddScoped<MarketDataWriter>();
        services.AddScoped<MarketDataReader>();
        services.AddSingleton<MarketStreamProjection>();
        services.AddSingleton<MarketFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<MarketFeed>());
        services.AddHostedService<WatchlistRefresher>();
        services.AddHostedService<ProviderAnnouncement>();
        return builder;
    }
}
