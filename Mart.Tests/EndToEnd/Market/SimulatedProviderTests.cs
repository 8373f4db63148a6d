using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.Market;

/// <summary>Runs against <c>market-sim</c>: no API key, so data is simulated; its cache TTLs are 200 ms, so reads recompute.</summary>
[Collection("market")]
public sealed class SimulatedProviderTests(MarketSystemFixture fixture)
{
    // Fixed past periods: their values depend only on the seed and the symbol.
    private static readonly string[] Paths =
    [
        "/market/crypto?symbol=BINANCE:BTCUSDT&resolution=D&from=1704067200&to=1706745600",
        "/market/crypto?symbol=BINANCE:ETHUSDT&resolution=60&from=1704067200&to=1704153600",
        "/market/crypto?symbol=BINANCE:ETHUSDT&resolution=W&from=1704067200&to=1711929600",
        "/market/company?symbol=SIMCO",
        "/market/news?symbol=SIMCO&from=2024-03-01&to=2024-03-10",
    ];

    [Fact]
    public async Task The_same_request_gives_the_same_data_in_every_process()
    {
        var before = await FetchAllAsync();

        using (var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication))
        {
            await fixture.App.ResourceCommands.RestartResourceAsync("market-sim", timeout.Token);
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("market-sim", WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }

        var after = await FetchAllAsync();

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Candles_are_consistent_and_symbols_differ()
    {
        using var http = fixture.Client("market-sim");
        var btc = await CandlesAsync(http, "/market/crypto?symbol=BINANCE:BTCUSDT&resolution=D&from=1704067200&to=1706745600");
        var eth = await CandlesAsync(http, "/market/crypto?symbol=BINANCE:ETHUSDT&resolution=D&from=1704067200&to=1706745600");

        Assert.Equal(32, btc.Count); // 2024-01-01 to 2024-02-01, daily
        Assert.NotEqual(btc.Select(c => c.Close), eth.Select(c => c.Close));
        for (var i = 0; i < btc.Count; i++)
        {
            var c = btc[i];
            Assert.Equal(1704067200 + (86400L * i), c.Time);
            Assert.True(c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close) && c.Low > 0 && c.Volume > 0, $"Candle {i}: {c}");
        }
    }

    [Fact]
    public async Task A_simulated_quote_moves_between_steps_and_is_stored()
    {
        using var http = fixture.Client("market-sim");
        var symbol = MarketSystemFixture.UniqueSymbol("SIM");

        using var quote = JsonDocument.Parse(await http.GetStringAsync($"/market/quote?symbol={symbol}"));
        var price = quote.RootElement.GetProperty("c").GetDouble();
        var time = quote.RootElement.GetProperty("t").GetInt64();

        Assert.True(price > 0);
        Assert.Equal(0, time % 15); // the simulation steps every 15 s
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - time, 0, 30);
        using var history = JsonDocument.Parse(await http.GetStringAsync($"/market/quote/history?symbol={symbol}"));
        var stored = Assert.Single(history.RootElement.GetProperty("quotes").EnumerateArray());
        Assert.Equal(price, stored.GetProperty("c").GetDouble());
        Assert.Equal("simulated", stored.GetProperty("provider").GetString());
    }

    private async Task<List<string>> FetchAllAsync()
    {
        using var http = fixture.Client("market-sim");
        var bodies = new List<string>();
        foreach (var path in Paths)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250)); // past the TTL: every read is computed afresh
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("miss", response.Headers.GetValues("X-Cache").Single());

            // asOf says when it was computed, which differs by design; everything else must not.
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("asOf");
            bodies.Add(body.ToJsonString());
        }

        return bodies;
    }

    private static async Task<List<Candle>> CandlesAsync(HttpClient http, string path)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(path));
        return [.. json.RootElement.GetProperty("candles").EnumerateArray().Select(c => new Candle(
            c.GetProperty("o").GetDouble(), c.GetProperty("h").GetDouble(), c.GetProperty("l").GetDouble(),
            c.GetProperty("c").GetDouble(), c.GetProperty("v").GetDouble(), c.GetProperty("t").GetInt64()))];
    }

    private sealed record Candle(double Open, double High, double Low, double Close, double Volume, long Time);
}
