using System.Net;
using System.Text.Json;
using Mart.Contracts;
using Mart.Messaging;
using Npgsql;

namespace Mart.Tests.EndToEnd.Market;

/// <summary>Profiles, news, forex and crypto through the fake Finnhub: served in Finnhub's shapes, stored, published once.</summary>
[Collection("market")]
public sealed class MarketDataKindsTests(MarketSystemFixture fixture)
{
    [Fact]
    public async Task A_company_profile_is_served_stored_and_published_when_new()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("CO");
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/market/company?symbol={symbol}");
        using var cached = await http.GetAsync($"/market/company?symbol={symbol}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hit", cached.Headers.GetValues("X-Cache").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var profile = json.RootElement;
        Assert.Equal($"Fake {symbol} Inc", profile.GetProperty("name").GetString());
        Assert.Equal(symbol, profile.GetProperty("ticker").GetString());
        Assert.Equal("Technology", profile.GetProperty("finnhubIndustry").GetString());
        Assert.Equal("1980-12-12", profile.GetProperty("ipo").GetString());
        Assert.Equal(2500000.5, profile.GetProperty("marketCapitalization").GetDouble());
        Assert.Equal(15000.25, profile.GetProperty("shareOutstanding").GetDouble());

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM company_profiles WHERE symbol = @key", symbol));
        var published = await PublishedAsync<CompanyProfileUpdated>(p => p.Symbol == symbol);
        Assert.Equal("NASDAQ NMS - GLOBAL MARKET", Assert.Single(published).Exchange);
    }

    [Fact]
    public async Task News_is_deduplicated_by_id_and_each_article_is_published_once()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("NEWS");
        using var http = fixture.Client();

        using var first = JsonDocument.Parse(await http.GetStringAsync($"/market/news?symbol={symbol}&from=2024-01-01&to=2024-01-03"));
        using var overlapping = JsonDocument.Parse(await http.GetStringAsync($"/market/news?symbol={symbol}&from=2024-01-02&to=2024-01-05"));

        var articles = first.RootElement.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(9, articles.Count); // three a day
        Assert.Equal(12, overlapping.RootElement.GetProperty("articles").GetArrayLength());
        var newest = articles[0];
        Assert.Equal(symbol, newest.GetProperty("related").GetString());
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 14, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), newest.GetProperty("datetime").GetInt64());

        // Five distinct days, three articles each: 15 rows and 15 events, though 21 articles were fetched.
        Assert.Equal(15L, await CountAsync("SELECT count(*) FROM news_symbols WHERE symbol = @key", symbol));
        var published = await PublishedAsync<NewsPublished>(n => n.Related.Contains(symbol));
        Assert.Equal(15, published.Count);
        Assert.Equal(15, published.Select(n => n.NewsId).Distinct().Count());
    }

    [Fact]
    public async Task Forex_rates_are_served_in_finnhub_shape_and_stored()
    {
        using var http = fixture.Client();

        using var response = await http.GetAsync("/market/forex?base=CHF");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CHF", json.RootElement.GetProperty("base").GetString());
        Assert.Equal(150.25, json.RootElement.GetProperty("quote").GetProperty("JPY").GetDouble());
        Assert.True(await CountAsync("SELECT count(*) FROM forex_snapshots WHERE base = @key AND provider = 'finnhub'", "CHF") >= 1);
        Assert.NotEmpty(await PublishedAsync<ForexUpdated>(f => f.BaseCurrency == "CHF" && f.Rates["EUR"] == 0.9));
    }

    [Fact]
    public async Task Crypto_candles_are_stored_and_only_new_or_changed_ones_are_published()
    {
        var pair = "BINANCE:" + MarketSystemFixture.UniqueSymbol("C");
        using var http = fixture.Client();
        const string Period = "&resolution=D&from=1704067200&to=1704412800"; // 2024-01-01 to 2024-01-05

        using var first = JsonDocument.Parse(await http.GetStringAsync($"/market/crypto?symbol={pair}{Period}"));
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // past this instance's 2 s crypto TTL: fetched again, unchanged
        using var second = await http.GetAsync($"/market/crypto?symbol={pair}{Period}");

        var candles = first.RootElement.GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal(5, candles.Count);
        Assert.Equal((100.0, 102.0, 99.0, 101.0, 1000.5, 1704067200L), (
            candles[0].GetProperty("o").GetDouble(), candles[0].GetProperty("h").GetDouble(), candles[0].GetProperty("l").GetDouble(),
            candles[0].GetProperty("c").GetDouble(), candles[0].GetProperty("v").GetDouble(), candles[0].GetProperty("t").GetInt64()));
        Assert.Equal("miss", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, fixture.Finnhub.CallsFor(pair).Count);
        Assert.Equal(5L, await CountAsync("SELECT count(*) FROM crypto_candles WHERE symbol = @key", pair));
        var published = await PublishedAsync<CryptoUpdated>(c => c.Symbol == pair);
        Assert.Equal(5, published.Count);
        Assert.All(published, c => Assert.Equal("D", c.Resolution));
    }

    [Fact]
    public async Task A_pair_without_data_gives_an_empty_candle_list()
    {
        using var http = fixture.Client();

        using var json = JsonDocument.Parse(await http.GetStringAsync("/market/crypto?symbol=BINANCE:NODATA&resolution=D&from=1704067200&to=1704412800"));

        Assert.Equal(0, json.RootElement.GetProperty("candles").GetArrayLength());
    }

    private async Task<long> CountAsync(string sql, string key)
    {
        await using var db = await fixture.OpenMarketDbAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Events reach mart.market through the outbox relay shortly after the commit; wait until the count settles.
    private async Task<List<T>> PublishedAsync<T>(Func<T, bool> match)
        where T : class, Google.Protobuf.IMessage
    {
        await using var redis = await fixture.RedisAsync();
        List<T> found = [];
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var entries = await redis.StreamRangeAsync(StreamNames.Market);
            var current = entries
                .Select(e => EventEnvelope.TryParse(e, out var envelope, out _) ? envelope : null)
                .Where(e => e is not null)
                .Select(e => EventTypeRegistry.Default.Parse(e!))
                .OfType<T>()
                .Where(match)
                .ToList();
            if (current.Count > 0 && current.Count == found.Count)
            {
                return current;
            }

            found = current;
            await Task.Delay(250);
        }

        return found;
    }
}
