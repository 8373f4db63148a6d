using System.Net;
using System.Text.Json;
using Mart.Tests.EndToEnd.Market.FakeFinnhub;
using Npgsql;

namespace Mart.Tests.EndToEnd.Market;

[Collection("market")]
public sealed class QuoteCachingTests(MarketSystemFixture fixture)
{
    [Fact]
    public async Task A_hundred_concurrent_requests_for_a_cold_symbol_make_one_upstream_call()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("SF");
        fixture.Finnhub.Delay(symbol, TimeSpan.FromMilliseconds(500));
        using var http = fixture.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await http.GetAsync($"/market/quote?symbol={symbol}");
            return (response.StatusCode, Cache: response.Headers.GetValues("X-Cache").Single(), Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(fixture.Finnhub.CallsFor(symbol));
        using var first = JsonDocument.Parse(responses[0].Body);
        Assert.Equal(FakeFinnhubServer.PriceOf(1), first.RootElement.GetProperty("c").GetDouble());
        Assert.All(responses, r => Assert.Equal(responses[0].Body, r.Body));
        Assert.Contains(responses, r => r.Cache == "miss");
        Assert.All(responses, r => Assert.Contains(r.Cache, new[] { "miss", "hit" }));
    }

    [Fact]
    public async Task A_quote_is_served_from_the_cache_until_its_ttl_passes()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("TTL");
        using var http = fixture.Client();

        var (cold, coldBody) = await GetQuoteAsync(http, symbol);
        var (warm, warmBody) = await GetQuoteAsync(http, symbol);
        await Task.Delay(TimeSpan.FromSeconds(2.3)); // the quote TTL of this instance is 2 s
        var (expired, expiredBody) = await GetQuoteAsync(http, symbol);

        Assert.Equal(("miss", "hit", "miss"), (cold, warm, expired));
        Assert.Equal(coldBody.GetProperty("asOf").GetString(), warmBody.GetProperty("asOf").GetString());
        Assert.Equal(FakeFinnhubServer.PriceOf(1), warmBody.GetProperty("c").GetDouble());
        Assert.Equal(FakeFinnhubServer.PriceOf(2), expiredBody.GetProperty("c").GetDouble());
        Assert.Equal(2, fixture.Finnhub.CallsFor(symbol).Count);
    }

    [Fact]
    public async Task Every_fetched_quote_is_kept_in_the_history()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("HIST");
        using var http = fixture.Client();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("miss", (await GetQuoteAsync(http, symbol)).Cache);
            await Task.Delay(TimeSpan.FromSeconds(2.2));
        }

        using var history = JsonDocument.Parse(await http.GetStringAsync(
            $"/market/quote/history?symbol={symbol}&from=2023-11-14&to=2023-11-15")); // the fake's quotes are timed from 2023-11-14T22:13:20Z
        var quotes = history.RootElement.GetProperty("quotes").EnumerateArray().ToList();
        Assert.Equal([101.0, 102.0, 103.0], quotes.Select(q => q.GetProperty("c").GetDouble()));
        Assert.Equal(
            [FakeFinnhubServer.QuoteEpoch + 60, FakeFinnhubServer.QuoteEpoch + 120, FakeFinnhubServer.QuoteEpoch + 180],
            quotes.Select(q => q.GetProperty("t").GetInt64()));
        Assert.All(quotes, q => Assert.Equal("finnhub", q.GetProperty("provider").GetString()));

        await using var db = await fixture.OpenMarketDbAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM quotes WHERE symbol = @symbol AND provider = 'finnhub'", db);
        count.Parameters.AddWithValue("symbol", symbol);
        Assert.Equal(3L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unknown_symbol_is_404_and_the_answer_is_cached()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("UNKNOWN");
        using var http = fixture.Client();

        using var first = await http.GetAsync($"/market/quote?symbol={symbol}");
        using var second = await http.GetAsync($"/market/quote?symbol={symbol}");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("hit", second.Headers.GetValues("X-Cache").Single());
        Assert.Single(fixture.Finnhub.CallsFor(symbol));
    }

    private static async Task<(string Cache, JsonElement Body)> GetQuoteAsync(HttpClient http, string symbol)
    {
        using var response = await http.GetAsync($"/market/quote?symbol={symbol}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(symbol, body.GetProperty("symbol").GetString());
        return (response.Headers.GetValues("X-Cache").Single(), body);
    }
}
