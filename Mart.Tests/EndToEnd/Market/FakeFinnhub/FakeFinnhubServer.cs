using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mart.Tests.EndToEnd.Market.FakeFinnhub;

/// <summary>
/// A stand-in for Finnhub's REST API on 127.0.0.1: the documented endpoints and response shapes under <c>/api/v1</c>,
/// the <c>X-Finnhub-Token</c> check, and scripts for what a test needs: failures (429 with Retry-After, 5xx, 401)
/// for the next calls of a symbol, outages, slow answers. Every call is recorded with its arrival time.
/// </summary>
internal sealed class FakeFinnhubServer : IAsyncDisposable
{
    public const string Token = "test-token";

    // Quote n of a symbol (n = 1, 2, ...) is priced 100 + n at time QuoteEpoch + 60 n.
    public const long QuoteEpoch = 1_700_000_000;

    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<FakeFinnhubCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfterSeconds)>> failures = new();
    private readonly ConcurrentDictionary<string, bool> outages = new();
    private readonly ConcurrentDictionary<string, TimeSpan> delays = new();
    private readonly ConcurrentDictionary<string, int> quotesServed = new();

    private FakeFinnhubServer(WebApplication app) => this.app = app;

    /// <summary>The value for <c>Finnhub:BaseUrl</c>.</summary>
    public string BaseUrl => app.Urls.First() + "/api/v1";

    /// <summary>The fake's clock, in the same terms as <see cref="FakeFinnhubCall.ArrivedAt"/>.</summary>
    public TimeSpan Now => clock.Elapsed;

    public IReadOnlyList<FakeFinnhubCall> Calls => [.. calls];

    public static async Task<FakeFinnhubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeFinnhubServer(app);
        app.Map("/api/v1/{**endpoint}", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public IReadOnlyList<FakeFinnhubCall> CallsFor(string key) => [.. calls.Where(c => c.Key == key)];

    /// <summary>The next <paramref name="times"/> calls for <paramref name="key"/> answer <paramref name="status"/>.</summary>
    public void FailNext(string key, int times, int status, int? retryAfterSeconds = null)
    {
        var queue = failures.GetOrAdd(key, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, retryAfterSeconds));
        }
    }

    /// <summary>While down, every call for <paramref name="key"/> answers 503.</summary>
    public void SetOutage(string key, bool down) => outages[key] = down;

    /// <summary>Calls for <paramref name="key"/> are answered after <paramref name="delay"/>.</summary>
    public void Delay(string key, TimeSpan delay) => delays[key] = delay;

    /// <summary>The price of the <paramref name="n"/>-th quote served for a symbol.</summary>
    public static double PriceOf(int n) => 100 + n;

    private async Task HandleAsync(HttpContext context, string endpoint)
    {
        var query = context.Request.Query;
        var key = query["symbol"].FirstOrDefault() ?? query["base"].FirstOrDefault() ?? string.Empty;
        var arrived = clock.Elapsed;
        var (status, body, retryAfterSeconds) = await DecideAsync(context, endpoint, key);

        // Recorded before the answer leaves, so a test that got its response always finds the call.
        calls.Enqueue(new FakeFinnhubCall(endpoint, key, arrived, status));
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (body is not null)
        {
            await context.Response.WriteAsJsonAsync(body);
        }
    }

    private async Task<(int Status, object? Body, int? RetryAfterSeconds)> DecideAsync(HttpContext context, string endpoint, string key)
    {
        if (context.Request.Headers["X-Finnhub-Token"] != Token)
        {
            return (401, new { error = "Invalid API key" }, null);
        }

        if (delays.TryGetValue(key, out var delay))
        {
            await Task.Delay(delay);
        }

        if (outages.TryGetValue(key, out var down) && down)
        {
            return (503, null, null);
        }

        if (failures.TryGetValue(key, out var scripted) && scripted.TryDequeue(out var failure))
        {
            return (failure.Status, new { error = failure.Status == 429 ? "API limit reached" : "scripted failure" }, failure.RetryAfterSeconds);
        }

        var query = context.Request.Query;
        return endpoint switch
        {
            "quote" => (200, Quote(key), null),
            "stock/profile2" => (200, Profile(key), null),
            "company-news" => (200, News(key, query["from"].ToString(), query["to"].ToString()), null),
            "forex/rates" => (200, Forex(key), null),
            "crypto/candle" => (200, Candles(key, query["resolution"].ToString(), query["from"].ToString(), query["to"].ToString()), null),
            _ => (404, new { error = "Not found" }, null),
        };
    }

    private object Quote(string symbol)
    {
        if (symbol.StartsWith("UNKNOWN", StringComparison.Ordinal))
        {
            return new { c = 0, d = (double?)null, dp = (double?)null, h = 0, l = 0, o = 0, pc = 0, t = 0 };
        }

        var n = quotesServed.AddOrUpdate(symbol, 1, (_, served) => served + 1);
        var price = PriceOf(n);
        return new { c = price, d = price - 100, dp = price - 100, h = price + 1, l = 99.5, o = 100.0, pc = 100.0, t = QuoteEpoch + (60L * n) };
    }

    private static object Profile(string symbol) => symbol.StartsWith("UNKNOWN", StringComparison.Ordinal)
        ? new { }
        : new
        {
            country = "US",
            currency = "USD",
            exchange = "NASDAQ NMS - GLOBAL MARKET",
            finnhubIndustry = "Technology",
            ipo = "1980-12-12",
            logo = $"https://static.finnhub.io/logo/{symbol}.png",
            marketCapitalization = 2500000.5,
            name = $"Fake {symbol} Inc",
            phone = "14089961010",
            shareOutstanding = 15000.25,
            ticker = symbol,
            weburl = "https://www.example.com/",
        };

    // Three articles per day of the range; ids derive from symbol and day, so overlapping ranges share articles.
    private static object[] News(string symbol, string from, string to)
    {
        var first = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var articles = new List<object>();
        var symbolPart = (long)(uint)StableHash(symbol) % 1_000_000;
        for (var day = last; day >= first; day = day.AddDays(-1))
        {
            for (var i = 0; i < 3; i++)
            {
                var id = (symbolPart * 100_000_000) + ((long)day.DayNumber * 10) + i;
                articles.Add(new
                {
                    category = "company",
                    datetime = new DateTimeOffset(day.ToDateTime(new TimeOnly(12 + i, 0)), TimeSpan.Zero).ToUnixTimeSeconds(),
                    headline = $"{symbol} headline {day:yyyy-MM-dd} #{i}",
                    id,
                    image = "",
                    related = symbol,
                    source = "Fake Wire",
                    summary = $"Summary {i}",
                    url = $"https://news.example.com/{id}",
                });
            }
        }

        return [.. articles];
    }

    private static object Forex(string baseCurrency) => new
    {
        @base = baseCurrency,
        quote = new Dictionary<string, double> { ["EUR"] = 0.9, ["GBP"] = 0.8, ["JPY"] = 150.25, ["USD"] = 1.0 },
    };

    private static object Candles(string symbol, string resolution, string from, string to)
    {
        if (symbol.EndsWith(":NODATA", StringComparison.Ordinal))
        {
            return new { s = "no_data" };
        }

        var step = resolution switch { "D" => 86_400L, "W" => 604_800L, "M" => 2_592_000L, _ => long.Parse(resolution, CultureInfo.InvariantCulture) * 60 };
        var start = long.Parse(from, CultureInfo.InvariantCulture);
        var end = long.Parse(to, CultureInfo.InvariantCulture);
        var times = new List<long>();
        for (var t = start - (start % step) + (start % step == 0 ? 0 : step); t <= end && times.Count < 500; t += step)
        {
            times.Add(t);
        }

        return new
        {
            c = times.Select((_, i) => 101.0 + i).ToArray(),
            h = times.Select((_, i) => 102.0 + i).ToArray(),
            l = times.Select((_, i) => 99.0 + i).ToArray(),
            o = times.Select((_, i) => 100.0 + i).ToArray(),
            s = "ok",
            t = times.ToArray(),
            v = times.Select((_, i) => 1000.5 + i).ToArray(),
        };
    }

    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
