using Mart.Data;
using Mart.Market.Caching;
using Mart.Market.Domain;
using Mart.Market.Providers.Finnhub;
using Mart.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Mart.Market.Services;

/// <summary>
/// Refreshes the watchlist's quotes in the background so the market stream carries live prices without any client
/// asking. Fresh quotes go the usual way (stored, published), and replicas take turns: a short Redis lease per round
/// means one of them refreshes, not all.
/// </summary>
public sealed partial class WatchlistRefresher(
    MarketDataService market,
    IConnectionMultiplexer redis,
    IOptions<WatchlistOptions> options,
    IOptions<FinnhubOptions> finnhub,
    IOptions<MarketCacheOptions> cacheOptions,
    TimeProvider timeProvider,
    ILogger<WatchlistRefresher> logger) : BackgroundService
{
    private readonly string instance = InstanceIdentity.Current();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var symbols = Symbols();
        if (symbols.Count == 0)
        {
            LogDisabled(logger);
            return;
        }

        var interval = Interval(symbols.Count);
        LogStarted(logger, string.Join(',', symbols), interval.TotalSeconds);
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            if (await TakeTurnAsync(interval, stoppingToken))
            {
                await RefreshAsync(symbols, interval, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(IReadOnlyList<string> symbols, TimeSpan interval, CancellationToken cancellationToken)
    {
        foreach (var symbol in symbols)
        {
            try
            {
                // A quote fetched in the last half interval (by a request) is fresh enough: no call spent on it.
                var result = await market.GetQuoteAsync(symbol, cancellationToken, maxAge: interval / 2);
                if (result.Outcome != MarketOutcome.Found)
                {
                    LogNotRefreshed(logger, symbol, result.Outcome, result.Reason);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, symbol);
            }
        }
    }

    private async Task<bool> TakeTurnAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // Slightly shorter than the interval, so this replica's next tick finds the lease gone.
            var lease = interval - TimeSpan.FromMilliseconds(Math.Min(500, interval.TotalMilliseconds / 10));
            return await redis.GetDatabase().StringSetAsync(
                cacheOptions.Value.KeyPrefix + "watchlist:lease",
                instance,
                lease,
                When.NotExists).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            // Without Redis no replica can coordinate; refreshing twice beats not refreshing.
            return true;
        }
    }

    private List<string> Symbols()
    {
        var symbols = new List<string>();
        foreach (var entry in options.Value.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MarketSymbol.TryNormalizeStock(entry, out var symbol))
            {
                if (!symbols.Contains(symbol))
                {
                    symbols.Add(symbol);
                }
            }
            else
            {
                LogInvalidSymbol(logger, entry);
            }
        }

        return symbols;
    }

    // Finnhub's budget is per minute: N symbols per round must stay within the watchlist's share of it.
    private TimeSpan Interval(int symbols)
    {
        var configured = options.Value.Interval;
        var settings = finnhub.Value;
        if (!settings.IsConfigured)
        {
            return configured;
        }

        var callsPerMinute = Math.Max(1, settings.RateLimit.PerMinute * Math.Clamp(options.Value.BudgetShare, 0.01, 1));
        var needed = TimeSpan.FromMinutes(symbols / callsPerMinute);
        return needed > configured ? needed : configured;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watchlist is empty: no background refresh")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshing watchlist {Symbols} every {IntervalSeconds:0.#} s")]
    private static partial void LogStarted(ILogger logger, string symbols, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchlist entry '{Entry}' is not a ticker; ignored")]
    private static partial void LogInvalidSymbol(ILogger logger, string entry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchlist quote {Symbol} not refreshed: {Outcome} ({Reason})")]
    private static partial void LogNotRefreshed(ILogger logger, string symbol, MarketOutcome outcome, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watchlist refresh of {Symbol} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string symbol);
}
