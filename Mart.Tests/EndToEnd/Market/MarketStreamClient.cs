using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.Market;

/// <summary>A client of <c>GET /market/stream</c> that reads the Server-Sent Events as they come.</summary>
internal sealed class MarketStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly IAsyncEnumerator<SseItem<string>> items;

    private MarketStreamClient(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> items)
    {
        this.response = response;
        this.items = items;
    }

    /// <summary>Connects and waits for the <c>ready</c> event, after which every new market event is delivered.</summary>
    public static async Task<MarketStreamClient> OpenAsync(HttpClient http, string query, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/market/stream" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync();
        var client = new MarketStreamClient(response, SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator());
        var ready = await client.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ready", ready.EventType);
        return client;
    }

    public async Task<SseItem<string>> NextAsync(TimeSpan within)
    {
        Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(within), "The stream ended.");
        return items.Current;
    }

    /// <summary>Reads events until one of <paramref name="type"/> matches; fails after <paramref name="within"/>.</summary>
    public async Task<(SseItem<string> Item, JsonElement Data)> WaitForAsync(string type, Func<JsonElement, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching '{type}' event within {within}.");
            }

            var item = await NextAsync(left);
            if (item.EventType == type)
            {
                var data = JsonDocument.Parse(item.Data).RootElement.Clone();
                if (match(data))
                {
                    return (item, data);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        response.Dispose();
        try
        {
            await items.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
            // The connection was just closed under the reader.
        }
    }
}
