using System.Text.Json;
using Mart.Contracts;
using Mart.Market.Apis;
using Mart.Messaging;

namespace Mart.Market.Events;

/// <summary>Turns entries of <c>mart.market</c> into stream events carrying the HTTP API's JSON shapes.</summary>
public sealed class MarketStreamProjection(EventTypeRegistry registry)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stream event for <paramref name="entry"/>; <see langword="null"/> for entries that are not v1 market events.</summary>
    public MarketStreamEvent? Project(EventStreamEntry entry)
    {
        if (!EventEnvelope.TryParse(entry, out var envelope, out _) || !registry.TryGetDescriptor(envelope!.Type, out _))
        {
            return null;
        }

        var asOf = envelope.OccurredAt;
        return registry.Parse(envelope) switch
        {
            QuoteUpdated quote => Event(entry, "quote", [quote.Symbol], new QuoteResponse(
                quote.Symbol, quote.Current, quote.Change, quote.PercentChange, quote.High, quote.Low, quote.Open, quote.PreviousClose,
                quote.QuotedAt.Seconds, asOf)),
            CompanyProfileUpdated profile => Event(entry, "profile", [profile.Symbol], new CompanyResponse(
                Blank(profile.Country), Blank(profile.Currency), Blank(profile.Exchange), Blank(profile.Industry), Blank(profile.Ipo),
                Blank(profile.LogoUrl), profile.MarketCapitalization, profile.Name, Blank(profile.Phone), profile.SharesOutstanding,
                profile.Symbol, Blank(profile.WebUrl), asOf)),
            NewsPublished news => Event(entry, "news", [.. news.Related], new NewsArticleResponse(
                news.Category, news.PublishedAt.Seconds, news.Headline, long.TryParse(news.NewsId, out var id) ? id : 0, news.ImageUrl,
                string.Join(',', news.Related), news.Source, news.Summary, news.Url)),
            ForexUpdated forex => Event(entry, "forex", [forex.BaseCurrency], new ForexResponse(
                forex.BaseCurrency, new SortedDictionary<string, double>(forex.Rates, StringComparer.Ordinal), forex.QuotedAt.ToDateTimeOffset())),
            CryptoUpdated crypto => Event(entry, "crypto", [crypto.Symbol], new CryptoCandleEvent(
                crypto.Symbol, crypto.Resolution, crypto.Open, crypto.High, crypto.Low, crypto.Close, crypto.Volume, crypto.CandleAt.Seconds)),
            _ => null,
        };
    }

    private static MarketStreamEvent Event<T>(EventStreamEntry entry, string type, IReadOnlyList<string> symbols, T payload) =>
        new(entry.Id, type, JsonSerializer.Serialize(payload, Json), symbols);

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
