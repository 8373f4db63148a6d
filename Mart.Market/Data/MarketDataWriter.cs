using System.Text.Json;
using Mart.Data;
using Mart.Market.Domain;
using Mart.Market.Events;
using Mart.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Market.Data;

/// <summary>
/// Stores fetched data and, in the same transaction, queues a v1 market event for each datum that is new or changed
/// (the outbox relay publishes them to <c>mart.market</c> after the commit). Each method returns how many events it queued.
/// </summary>
public sealed class MarketDataWriter(MarketDbContext db, IOutbox outbox)
{
    private const int PriceScale = 6;
    private const int CandleScale = 10;

    public Task<int> SaveQuoteAsync(Quote quote, string provider, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                // The same quote fetched twice (the price has not moved since) is one row and one event.
                await using var insert = Command(
                    """
                    INSERT INTO quotes (symbol, quoted_at, price, open, high, low, previous_close, change, change_percent, provider, fetched_at)
                    VALUES (@symbol, @quoted_at, @price, @open, @high, @low, @previous_close, @change, @change_percent, @provider, @fetched_at)
                    ON CONFLICT (symbol, quoted_at) DO NOTHING
                    """);
                insert.Parameters
                    .Bind("symbol", quote.Symbol)
                    .Bind("quoted_at", quote.QuotedAt)
                    .Bind("price", Numeric.Of(quote.Current, PriceScale))
                    .Bind("open", Numeric.Of(quote.Open, PriceScale))
                    .Bind("high", Numeric.Of(quote.High, PriceScale))
                    .Bind("low", Numeric.Of(quote.Low, PriceScale))
                    .Bind("previous_close", Numeric.Of(quote.PreviousClose, PriceScale))
                    .BindNullable("change", Numeric.Of(quote.Change, PriceScale))
                    .BindNullable("change_percent", Numeric.Of(quote.PercentChange, PriceScale))
                    .Bind("provider", provider)
                    .Bind("fetched_at", fetchedAt);
                var inserted = await insert.ExecuteNonQueryAsync(ct);
                if (inserted == 0)
                {
                    return 0;
                }

                outbox.Enqueue(db, MarketEvents.QuoteUpdated(quote));
                return 1;
            },
            cancellationToken);

    public Task<int> SaveProfileAsync(CompanyProfile profile, string provider, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var row = ToRow(profile, provider, fetchedAt);
                var existing = await db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Symbol == profile.Symbol, ct);
                var changed = existing is null || !SameContent(existing, row);
                await using var upsert = Command(
                    """
                    INSERT INTO company_profiles (symbol, name, country, currency, exchange, industry, ipo, market_capitalization,
                                                  shares_outstanding, logo_url, phone, web_url, provider, fetched_at, changed_at)
                    VALUES (@symbol, @name, @country, @currency, @exchange, @industry, @ipo, @market_capitalization,
                            @shares_outstanding, @logo_url, @phone, @web_url, @provider, @fetched_at, @fetched_at)
                    ON CONFLICT (symbol) DO UPDATE SET
                        name = EXCLUDED.name, country = EXCLUDED.country, currency = EXCLUDED.currency, exchange = EXCLUDED.exchange,
                        industry = EXCLUDED.industry, ipo = EXCLUDED.ipo, market_capitalization = EXCLUDED.market_capitalization,
                        shares_outstanding = EXCLUDED.shares_outstanding, logo_url = EXCLUDED.logo_url, phone = EXCLUDED.phone,
                        web_url = EXCLUDED.web_url, provider = EXCLUDED.provider, fetched_at = EXCLUDED.fetched_at,
                        changed_at = CASE WHEN @changed THEN EXCLUDED.changed_at ELSE company_profiles.changed_at END
                    """);
                upsert.Parameters
                    .Bind("symbol", row.Symbol)
                    .Bind("name", row.Name)
                    .BindNullable("country", row.Country)
                    .BindNullable("currency", row.Currency)
                    .BindNullable("exchange", row.Exchange)
                    .BindNullable("industry", row.Industry)
                    .BindNullable("ipo", row.Ipo)
                    .BindNullable("market_capitalization", row.MarketCapitalization)
                    .BindNullable("shares_outstanding", row.SharesOutstanding)
                    .BindNullable("logo_url", row.LogoUrl)
                    .BindNullable("phone", row.Phone)
                    .BindNullable("web_url", row.WebUrl)
                    .Bind("provider", provider)
                    .Bind("fetched_at", fetchedAt)
                    .Bind("changed", changed);
                await upsert.ExecuteNonQueryAsync(ct);
                if (!changed)
                {
                    return 0;
                }

                outbox.Enqueue(db, MarketEvents.ProfileUpdated(profile));
                return 1;
            },
            cancellationToken);

    public Task<int> SaveNewsAsync(string symbol, IReadOnlyList<NewsArticle> articles, string provider, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return Task.FromResult(0);
        }

        var ids = articles.Select(a => a.Id).ToArray();
        var categories = articles.Select(a => a.Category).ToArray();
        var published = articles.Select(a => a.PublishedAt.ToUniversalTime()).ToArray();
        var headlines = articles.Select(a => a.Headline).ToArray();
        var summaries = articles.Select(a => a.Summary).ToArray();
        var sources = articles.Select(a => a.Source).ToArray();
        var urls = articles.Select(a => a.Url).ToArray();
        var images = articles.Select(a => a.Image).ToArray();
        var related = articles.Select(a => a.Related).ToArray();
        return db.InTransactionAsync(
            async ct =>
            {
                // One statement for the whole page; RETURNING names only the articles not seen before.
                await using var insert = Command(
                    """
                    INSERT INTO news_articles (provider, id, category, published_at, headline, summary, source, url, image_url, related, fetched_at)
                    SELECT @provider, n.id, n.category, n.published_at, n.headline, n.summary, n.source, n.url, n.image_url, n.related, @fetched_at
                    FROM unnest(@ids, @categories, @published_at, @headlines, @summaries, @sources, @urls, @image_urls, @related)
                         AS n(id, category, published_at, headline, summary, source, url, image_url, related)
                    ON CONFLICT (provider, id) DO NOTHING
                    RETURNING id
                    """);
                insert.Parameters
                    .Bind("provider", provider)
                    .Bind("fetched_at", fetchedAt)
                    .Bind("ids", ids)
                    .Bind("categories", categories)
                    .Bind("published_at", published)
                    .Bind("headlines", headlines)
                    .Bind("summaries", summaries)
                    .Bind("sources", sources)
                    .Bind("urls", urls)
                    .Bind("image_urls", images)
                    .Bind("related", related);
                var freshIds = await ReadAllAsync(insert, reader => reader.GetInt64(0), ct);

                await using var link = Command(
                    """
                    INSERT INTO news_symbols (provider, news_id, symbol)
                    SELECT @provider, id, @symbol FROM unnest(@ids) AS n(id)
                    ON CONFLICT DO NOTHING
                    """);
                link.Parameters
                    .Bind("provider", provider)
                    .Bind("symbol", symbol)
                    .Bind("ids", ids);
                await link.ExecuteNonQueryAsync(ct);

                foreach (var article in articles.Where(a => freshIds.Contains(a.Id)))
                {
                    outbox.Enqueue(db, MarketEvents.NewsPublished(article));
                }

                return freshIds.Count;
            },
            cancellationToken);
    }

    public Task<int> SaveForexAsync(ForexRates rates, string provider, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var json = JsonSerializer.Serialize(rates.Rates);
                await using var insert = Command(
                    """
                    INSERT INTO forex_snapshots (provider, base, quoted_at, rates)
                    VALUES (@provider, @base, @quoted_at, CAST(@rates AS jsonb))
                    ON CONFLICT DO NOTHING
                    """);
                insert.Parameters
                    .Bind("provider", provider)
                    .Bind("base", rates.Base)
                    .Bind("quoted_at", fetchedAt)
                    .Bind("rates", json);
                var inserted = await insert.ExecuteNonQueryAsync(ct);
                if (inserted == 0)
                {
                    return 0;
                }

                outbox.Enqueue(db, MarketEvents.ForexUpdated(rates, fetchedAt));
                return 1;
            },
            cancellationToken);

    public Task<int> SaveCandlesAsync(
        string symbol, string resolution, IReadOnlyList<CryptoCandle> candles, string provider, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        if (candles.Count == 0)
        {
            return Task.FromResult(0);
        }

        var opened = candles.Select(c => c.OpenedAt.ToUniversalTime()).ToArray();
        var opens = candles.Select(c => Numeric.Of(c.Open, CandleScale)).ToArray();
        var highs = candles.Select(c => Numeric.Of(c.High, CandleScale)).ToArray();
        var lows = candles.Select(c => Numeric.Of(c.Low, CandleScale)).ToArray();
        var closes = candles.Select(c => Numeric.Of(c.Close, CandleScale)).ToArray();
        var volumes = candles.Select(c => Numeric.Of(c.Volume, CandleScale)).ToArray();
        return db.InTransactionAsync(
            async ct =>
            {
                // New candles and candles that changed (the one still forming) come back; unchanged ones are left alone.
                await using var upsert = Command(
                    """
                    INSERT INTO crypto_candles (provider, symbol, resolution, opened_at, open, high, low, close, volume, fetched_at)
                    SELECT @provider, @symbol, @resolution, n.opened_at, n.open, n.high, n.low, n.close, n.volume, @fetched_at
                    FROM unnest(@opened_at, @opens, @highs, @lows, @closes, @volumes) AS n(opened_at, open, high, low, close, volume)
                    ON CONFLICT (provider, symbol, resolution, opened_at) DO UPDATE SET
                        open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
                        volume = EXCLUDED.volume, fetched_at = EXCLUDED.fetched_at
                    WHERE (crypto_candles.open, crypto_candles.high, crypto_candles.low, crypto_candles.close, crypto_candles.volume)
                          IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)
                    RETURNING opened_at
                    """);
                upsert.Parameters
                    .Bind("provider", provider)
                    .Bind("symbol", symbol)
                    .Bind("resolution", resolution)
                    .Bind("fetched_at", fetchedAt)
                    .Bind("opened_at", opened)
                    .Bind("opens", opens)
                    .Bind("highs", highs)
                    .Bind("lows", lows)
                    .Bind("closes", closes)
                    .Bind("volumes", volumes);
                var changedAt = await ReadAllAsync(upsert, reader => reader.GetFieldValue<DateTimeOffset>(0).ToUnixTimeSeconds(), ct);
                foreach (var candle in candles.Where(c => changedAt.Contains(c.OpenedAt.ToUnixTimeSeconds())))
                {
                    outbox.Enqueue(db, MarketEvents.CryptoUpdated(symbol, resolution, candle));
                }

                return changedAt.Count;
            },
            cancellationToken);
    }

    // On the unit of work's transaction, so the rows commit with the outbox rows of their events.
    private NpgsqlCommand Command(string sql)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        return new NpgsqlCommand(sql, transaction.Connection, transaction);
    }

    private static async Task<HashSet<TKey>> ReadAllAsync<TKey>(NpgsqlCommand command, Func<NpgsqlDataReader, TKey> read, CancellationToken cancellationToken)
    {
        var keys = new HashSet<TKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(read(reader));
        }

        return keys;
    }

    private static CompanyProfileRow ToRow(CompanyProfile profile, string provider, DateTimeOffset fetchedAt) => new()
    {
        Symbol = profile.Symbol,
        Name = profile.Name,
        Country = profile.Country,
        Currency = profile.Currency,
        Exchange = profile.Exchange,
        Industry = profile.Industry,
        Ipo = profile.Ipo,
        MarketCapitalization = Numeric.Of(profile.MarketCapitalization, PriceScale),
        SharesOutstanding = Numeric.Of(profile.SharesOutstanding, PriceScale),
        LogoUrl = profile.Logo,
        Phone = profile.Phone,
        WebUrl = profile.WebUrl,
        Provider = provider,
        FetchedAt = fetchedAt,
        ChangedAt = fetchedAt,
    };

    private static bool SameContent(CompanyProfileRow a, CompanyProfileRow b) =>
        a.Name == b.Name && a.Country == b.Country && a.Currency == b.Currency && a.Exchange == b.Exchange
        && a.Industry == b.Industry && a.Ipo == b.Ipo && a.MarketCapitalization == b.MarketCapitalization
        && a.SharesOutstanding == b.SharesOutstanding && a.LogoUrl == b.LogoUrl && a.Phone == b.Phone
        && a.WebUrl == b.WebUrl && a.Provider == b.Provider;
}
