using System.Net;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.Market;

[Collection("market")]
public sealed class MarketValidationTests(MarketSystemFixture fixture)
{
    [Theory]
    [InlineData("/market/quote", "symbol")]
    [InlineData("/market/quote?symbol=AA%24PL", "symbol")]
    [InlineData("/market/quote?symbol=THISTICKERISFARTOOLONG", "symbol")]
    [InlineData("/market/company?symbol=.AAPL", "symbol")]
    [InlineData("/market/news?symbol=AAPL&from=2024-13-01", "from")]
    [InlineData("/market/news?symbol=AAPL&from=2024-02-10&to=2024-02-01", "from")]
    [InlineData("/market/news?symbol=AAPL&from=2022-01-01&to=2024-01-01", "to")]
    [InlineData("/market/news?symbol=AAPL&to=2999-01-01", "to")]
    [InlineData("/market/forex?base=XYZ", "base")]
    [InlineData("/market/forex?base=US", "base")]
    [InlineData("/market/crypto?symbol=BTCUSDT", "symbol")]
    [InlineData("/market/crypto?symbol=BINANCE:BTCUSDT&resolution=2", "resolution")]
    [InlineData("/market/crypto?symbol=BINANCE:BTCUSDT&from=1700000000&to=1600000000", "from")]
    [InlineData("/market/crypto?symbol=BINANCE:BTCUSDT&resolution=1&from=1600000000&to=1700000000", "from")]
    [InlineData("/market/crypto?symbol=BINANCE:BTCUSDT&from=yesterday", "from")]
    [InlineData("/market/quote/history?symbol=AAPL&limit=0", "limit")]
    [InlineData("/market/quote/history?symbol=AAPL&from=2024-05-01&to=2024-04-01", "from")]
    [InlineData("/market/quote/history?symbol=AAPL&from=last%20week", "from")]
    [InlineData("/market/stream?symbols=AAPL,BAD%24", "symbols")]
    [InlineData("/market/stream?types=quote,gossip", "types")]
    [InlineData("/market/quote?symbol=AAPL%00", "symbol")]
    [InlineData("/market/quote?symbol=%ED%A0%80", "symbol")]
    [InlineData("/market/quote/history?symbol=AAPL&to=9999-12-31", "to")]
    [InlineData("/market/quote/history?symbol=AAPL&to=0001-01-01", "to")]
    [InlineData("/market/quote/history?symbol=AAPL&from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/market/news?symbol=AAPL&to=0001-01-01", "to")]
    [InlineData("/market/news?symbol=AAPL&from=9999-12-31&to=9999-12-31", "from")]
    [InlineData("/market/crypto?symbol=BINANCE:BTCUSDT&to=253402300799", "to")]
    [InlineData("/market/forex?base=US%00", "base")]
    public async Task Invalid_input_is_a_400_naming_the_field(string path, string field)
    {
        var callsBefore = fixture.Finnhub.Calls.Count(c => c.Key != MarketSystemFixture.WatchedSymbol);
        using var http = fixture.Client();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(callsBefore, fixture.Finnhub.Calls.Count(c => c.Key != MarketSystemFixture.WatchedSymbol));
    }

    [Theory]
    [InlineData("/market/quote?symbol=brk.b")]
    [InlineData("/market/forex?base=eur")]
    [InlineData("/market/crypto?symbol=binance:ethusdt&resolution=d")]
    public async Task Symbols_and_codes_are_case_insensitive(string path)
    {
        using var http = fixture.Client("market-sim");

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_lower_case_base_currency_is_answered_in_upper_case()
    {
        using var http = fixture.Client("market-sim");

        using var response = await http.GetAsync("/market/forex?base=eur");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("EUR", json.RootElement.GetProperty("base").GetString());
    }
}
