using System.Net;
using Mart.Tests.EndToEnd.Market.FakeFinnhub;

namespace Mart.Tests.EndToEnd.Market;

[Collection("market")]
public sealed class MarketStreamTests(MarketSystemFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_stream_client_receives_the_quote_a_refresh_fetched()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("SSE");
        var other = MarketSystemFixture.UniqueSymbol("SSEX");
        using var http = fixture.Client();
        await using var stream = await MarketStreamClient.OpenAsync(http, $"?symbols={symbol}&types=quote");

        using (var ignored = await http.GetAsync($"/market/quote?symbol={other}"))
        using (var refresh = await http.GetAsync($"/market/quote?symbol={symbol}"))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        }

        var (item, quote) = await stream.WaitForAsync("quote", q => q.GetProperty("symbol").GetString() == symbol, Within);
        Assert.Equal(FakeFinnhubServer.PriceOf(1), quote.GetProperty("c").GetDouble());
        Assert.Equal(FakeFinnhubServer.QuoteEpoch + 60, quote.GetProperty("t").GetInt64());
        Assert.Matches("^[0-9]+-[0-9]+$", item.EventId);
    }

    [Fact]
    public async Task The_watchlist_is_refreshed_and_streamed_without_any_request()
    {
        using var http = fixture.Client();
        await using var stream = await MarketStreamClient.OpenAsync(http, $"?symbols={MarketSystemFixture.WatchedSymbol}");

        var (_, first) = await stream.WaitForAsync("quote", _ => true, Within);
        var (_, second) = await stream.WaitForAsync("quote", _ => true, Within);

        Assert.Equal(MarketSystemFixture.WatchedSymbol, first.GetProperty("symbol").GetString());
        Assert.True(second.GetProperty("t").GetInt64() > first.GetProperty("t").GetInt64());
    }

    [Fact]
    public async Task A_client_resuming_with_last_event_id_first_gets_what_it_missed()
    {
        var symbol = MarketSystemFixture.UniqueSymbol("RES");
        using var http = fixture.Client();
        string lastSeen;
        await using (var stream = await MarketStreamClient.OpenAsync(http, $"?symbols={symbol}"))
        {
            (await http.GetAsync($"/market/quote?symbol={symbol}")).Dispose();
            var (item, _) = await stream.WaitForAsync("quote", _ => true, Within);
            lastSeen = item.EventId!;
        }

        // Missed while disconnected: the next quote (the TTL is 2 s) and the company profile.
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        (await http.GetAsync($"/market/quote?symbol={symbol}")).Dispose();
        (await http.GetAsync($"/market/company?symbol={symbol}")).Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1)); // published by the relay in the meantime

        await using var resumed = await MarketStreamClient.OpenAsync(http, $"?symbols={symbol}", lastEventId: lastSeen);
        var (_, quote) = await resumed.WaitForAsync("quote", _ => true, Within);
        var (_, profile) = await resumed.WaitForAsync("profile", _ => true, Within);
        Assert.Equal(FakeFinnhubServer.PriceOf(2), quote.GetProperty("c").GetDouble());
        Assert.Equal($"Fake {symbol} Inc", profile.GetProperty("name").GetString());
    }
}
