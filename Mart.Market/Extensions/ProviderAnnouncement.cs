using Mart.Market.Providers;
using Mart.Market.Providers.Finnhub;
using Microsoft.Extensions.Options;

namespace Mart.Market.Extensions;

/// <summary>Says at start-up where market data comes from, so a missing API key is obvious in the logs.</summary>
internal sealed partial class ProviderAnnouncement(IMarketDataProvider provider, IOptions<FinnhubOptions> finnhub, ILogger<ProviderAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (finnhub.Value.IsConfigured)
        {
            LogFinnhub(logger, finnhub.Value.BaseAddress, finnhub.Value.RateLimit.PerMinute, finnhub.Value.RateLimit.PerSecond);
        }
        else
        {
            LogSimulated(logger, provider.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Market data from Finnhub at {BaseAddress}, at most {PerMinute} calls/min and {PerSecond} calls/s")]
    private static partial void LogFinnhub(ILogger logger, Uri baseAddress, int perMinute, int perSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "No Finnhub API key (Finnhub:ApiKey): serving {Provider} market data")]
    private static partial void LogSimulated(ILogger logger, string provider);
}
