using Mart.Market.Caching;
using Mart.Market.Data;
using Mart.Market.Events;
using Mart.Market.Providers;
using Mart.Market.Providers.Finnhub;
using Mart.Market.Providers.Simulation;
using Mart.Market.Services;
using Mart.Data.Caching;
using Mart.Data;
using Mart.Messaging;
using Mart.ServiceDefaults.OpenApi;
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
        builder.AddMartMessaging<MarketDbContext>("market");

        var services = builder.Services;
        services.AddOpenApiTag("Market", "Stock quotes, company profiles, news, exchange rates and crypto candles, cached in front of the provider, and their live stream.");
        services.TryAddSingleton(EventTypeRegistry.Default);
        services.AddMetrics();

        services.AddOptions<MarketCacheOptions>().BindConfiguration(MarketCacheOptions.SectionName)
            .Validate(o => o.QuoteTtl > TimeSpan.Zero && o.ProfileTtl > TimeSpan.Zero && o.NewsTtl > TimeSpan.Zero
                           && o.ForexTtl > TimeSpan.Zero && o.CryptoTtl > TimeSpan.Zero && o.StaleRetention >= TimeSpan.Zero,
                "Market:Cache time spans must be positive.")
            .ValidateOnStart();
        services.AddOptions<FinnhubOptions>().BindConfiguration(FinnhubOptions.SectionName)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Finnhub:BaseUrl must be an absolute URL.")
            .Validate(o => o.RateLimit.PerSecond > 0 && o.RateLimit.PerMinute > 0 && o.RateLimit.QueueLimit >= 0
                           && o.RateLimit.MaxQueueWait >= TimeSpan.Zero && o.RateLimit.WindowMargin >= TimeSpan.Zero,
                "Finnhub:RateLimit needs positive limits and non-negative waits.")
            .Validate(o => o.Retry.MaxAttempts >= 1 && o.Retry.BaseDelay >= TimeSpan.Zero && o.Retry.MaxDelay >= TimeSpan.Zero,
                "Finnhub:Retry needs at least one attempt and non-negative delays.")
            .ValidateOnStart();
        services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.SectionName);
        services.AddOptions<WatchlistOptions>().BindConfiguration(WatchlistOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero && o.BudgetShare is > 0 and <= 1, "Market:Watchlist needs a positive interval and a budget share in (0, 1].")
            .ValidateOnStart();
        services.AddOptions<MarketStreamOptions>().BindConfiguration(MarketStreamOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize > 0 && o.ClientBuffer > 0 && o.ReplayLimit > 0, "Market:Stream needs positive values.")
            .ValidateOnStart();

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

        services.AddRedisFailFast();
        services.TryAddSingleton<SingleFlight>();
        services.AddSingleton<MarketMetrics>();
        services.AddSingleton<MarketCache>();
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
