using System.Net;
using System.Text.Json;
using Mart.Tests.EndToEnd.Market.FakeFinnhub;

namespace Mart.Tests.EndToEnd.Market;

[Collection("market")]
public sealed class UpstreamFailureTests(MarketSystemFixture fixture)
{
    private FakeFinnhubServer Finnhub => fixture.Finnhub;

    [Fact]
    public async Task A_429_is_retried_after_the_wait_Finnhub_asks_for()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("RL");
        Finnhub.FailNext(symbol, 2, 429, retryAfterSeconds: 1);
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("miss", response.Headers.GetValues("X-Cache").Single());
        var calls = Finnhub.CallsFor(symbol);
        Assert.Equal([429, 429, 200], calls.Select(c => c.Status));
        for (var i = 1; i < calls.Count; i++)
        {
            var gap = calls[i].ArrivedAt - calls[i - 1].ArrivedAt;
            Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"Retry {i} came {gap.TotalMilliseconds:0} ms after a 429 asking for 1 s.");
        }
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_is_answered_503_at_once_and_holds_every_caller()
    {
        var limited = MarketSystemFixture.UniqueSymbol("RLONG");
        var other = MarketSystemFixture.UniqueSymbol("RNEXT");
        Finnhub.FailNext(limited, 1, 429, retryAfterSeconds: 3); // longer than this instance's longest retry delay (2 s)
        using var http = fixture.Client();

        using var refused = await http.GetAsync($"/market/quote?symbol={limited}");
        using var next = await http.GetAsync($"/market/quote?symbol={other}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Single(Finnhub.CallsFor(limited));

        // The limit is per API key: the next call, for another symbol, waited out the pause.
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var pause = Finnhub.CallsFor(other).Single().ArrivedAt - Finnhub.CallsFor(limited).Single().ArrivedAt;
        Assert.True(pause >= TimeSpan.FromSeconds(2.9), $"The next call came {pause.TotalMilliseconds:0} ms after a 429 asking for 3 s.");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("FIVE");
        Finnhub.FailNext(symbol, 2, 502);
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = Finnhub.CallsFor(symbol);
        Assert.Equal([502, 502, 200], calls.Select(c => c.Status));
        Assert.True(calls[2].ArrivedAt - calls[1].ArrivedAt > calls[1].ArrivedAt - calls[0].ArrivedAt, "The second retry should wait longer than the first.");
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_is_never_a_500()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("DENY");
        Finnhub.FailNext(symbol, 1, 401);
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Single(Finnhub.CallsFor(symbol));
    }

    [Fact]
    public async Task During_an_outage_the_last_cached_value_is_served_stale()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("STALE");
        using var http = fixture.Client();
        var (_, fresh) = await GetQuoteAsync(http, symbol);
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // past the 2 s quote TTL

        Finnhub.SetOutage(symbol, down: true);
        var (cache, stale) = await GetQuoteAsync(http, symbol);

        Assert.Equal("stale", cache);
        Assert.Equal(FakeFinnhubServer.PriceOf(1), stale.GetProperty("c").GetDouble());
        Assert.Equal(fresh.GetProperty("asOf").GetString(), stale.GetProperty("asOf").GetString());
        Assert.Contains(Finnhub.CallsFor(symbol), c => c.Status == 503);
    }

    [Fact]
    public async Task During_an_outage_without_a_cache_entry_the_stored_value_is_served_stale()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("STORED");
        using var http = fixture.Client();
        await GetQuoteAsync(http, symbol);
        await using (var redis = await fixture.RedisAsync())
        {
            // FusionCache puts its format version in front of the key.
            var server = redis.Database.Multiplexer.GetServers()[0];
            var key = await server.KeysAsync(pattern: $"*a:finnhub:quote:{symbol}").SingleAsync();
            Assert.True(await redis.Database.KeyDeleteAsync(key));
        }

        Finnhub.SetOutage(symbol, down: true);
        var (cache, stale) = await GetQuoteAsync(http, symbol);

        Assert.Equal("stale", cache);
        Assert.Equal(FakeFinnhubServer.PriceOf(1), stale.GetProperty("c").GetDouble());
        Assert.Equal(FakeFinnhubServer.QuoteEpoch + 60, stale.GetProperty("t").GetInt64());
    }

    [Fact]
    public async Task During_an_outage_with_nothing_to_serve_the_answer_is_503_with_retry_after()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("DOWN");
        Finnhub.SetOutage(symbol, down: true);
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(3, Finnhub.CallsFor(symbol).Count); // the configured attempts, then give up
    }

    private static async Task<(string Cache, JsonElement Body)> GetQuoteAsync(HttpClient http, string symbol)
    {
        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.Headers.GetValues("X-Cache").Single(), body);
    }
}
