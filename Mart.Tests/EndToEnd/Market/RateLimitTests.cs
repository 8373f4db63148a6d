using System.Net;

namespace Mart.Tests.EndToEnd.Market;

/// <summary>Runs against <c>market-limited</c>: at most 3 calls in any second and 8 in any minute, waiting at most 6 s for a slot.</summary>
[Collection("market")]
public sealed class RateLimitTests(MarketSystemFixture fixture)
{
    private const int PerSecond = 3;
    private const int PerMinute = 8;

    [Fact]
    public async Task Calls_never_exceed_the_budget_and_requests_beyond_it_get_503_with_retry_after()
    {
        var symbols = Enumerable.Range(0, 20).Select(_ => MarketSystemFixture.UniqueSymbol("BUD")).ToList();
        using var http = fixture.Client("market-limited");

        var responses = await Task.WhenAll(symbols.Select(async symbol =>
        {
            using var response = await http.GetAsync($"/market/quote?symbol={symbol}");
            return (response.StatusCode, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
        }));

        // Whatever is still queued would show up now; nothing may.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var calls = fixture.LimitedFinnhub.Calls.Where(c => symbols.Contains(c.Key)).OrderBy(c => c.ArrivedAt).ToList();

        Assert.Equal(PerMinute, calls.Count);
        for (var i = PerSecond; i < calls.Count; i++)
        {
            var window = calls[i].ArrivedAt - calls[i - PerSecond].ArrivedAt;
            Assert.True(window >= TimeSpan.FromSeconds(1), $"Calls {i - PerSecond + 1}..{i + 1} arrived within {window.TotalMilliseconds:0} ms.");
        }

        Assert.Equal(PerMinute, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(symbols.Count - PerMinute, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("application/problem+json", r.MediaType);

            // The next slot opens when the first call leaves the minute window.
            Assert.InRange(r.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(61));
        });
    }
}
