using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Market.Data;

/// <summary>
/// The market data database: quote history, company profiles, news, forex snapshots, crypto candles, and the outbox.
/// The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up (EF's design-time tooling
/// is unavailable), so the mappings here must match those scripts.
/// </summary>
public sealed class MarketDbContext(DbContextOptions<MarketDbContext> options) : DbContext(options)
{
    public DbSet<QuoteRow> Quotes => Set<QuoteRow>();

    public DbSet<CompanyProfileRow> CompanyProfiles => Set<CompanyProfileRow>();

    public DbSet<NewsArticleRow> NewsArticles => Set<NewsArticleRow>();

    public DbSet<NewsSymbolRow> NewsSymbols => Set<NewsSymbolRow>();

    public DbSet<ForexSnapshotRow> ForexSnapshots => Set<ForexSnapshotRow>();

    public DbSet<CryptoCandleRow> CryptoCandles => Set<CryptoCandleRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();

        modelBuilder.Entity<QuoteRow>(quote =>
        {
            quote.ToTable("quotes");
            quote.HasKey(q => new { q.Symbol, q.QuotedAt });
            quote.Property(q => q.Symbol).HasColumnName("symbol");
            quote.Property(q => q.QuotedAt).HasColumnName("quoted_at");
            quote.Property(q => q.Price).HasColumnName("price");
            quote.Property(q => q.Open).HasColumnName("open");
            quote.Property(q => q.High).HasColumnName("high");
            quote.Property(q => q.Low).HasColumnName("low");
            quote.Property(q => q.PreviousClose).HasColumnName("previous_close");
            quote.Property(q => q.Change).HasColumnName("change");
            quote.Property(q => q.ChangePercent).HasColumnName("change_percent");
            quote.Property(q => q.Provider).HasColumnName("provider");
            quote.Property(q => q.FetchedAt).HasColumnName("fetched_at");
        });

        modelBuilder.Entity<CompanyProfileRow>(profile =>
        {
            profile.ToTable("company_profiles");
            profile.HasKey(p => p.Symbol);
            profile.Property(p => p.Symbol).HasColumnName("symbol");
            profile.Property(p => p.Name).HasColumnName("name");
            profile.Property(p => p.Country).HasColumnName("country");
            profile.Property(p => p.Currency).HasColumnName("currency");
            profile.Property(p => p.Exchange).HasColumnName("exchange");
            profile.Property(p => p.Industry).HasColumnName("industry");
            profile.Property(p => p.Ipo).HasColumnName("ipo");
            profile.Property(p => p.MarketCapitalization).HasColumnName("market_capitalization");
            profile.Property(p => p.SharesOutstanding).HasColumnName("shares_outstanding");
            profile.Property(p => p.LogoUrl).HasColumnName("logo_url");
            profile.Property(p => p.Phone).HasColumnName("phone");
            profile.Property(p => p.WebUrl).HasColumnName("web_url");
            profile.Property(p => p.Provider).HasColumnName("provider");
            profile.Property(p => p.FetchedAt).HasColumnName("fetched_at");
            profile.Property(p => p.ChangedAt).HasColumnName("changed_at");
        });

        modelBuilder.Entity<NewsArticleRow>(article =>
        {
            article.ToTable("news_articles");
            article.HasKey(a => new { a.Provider, a.Id });
            article.Property(a => a.Provider).HasColumnName("provider");
            article.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            article.Property(a => a.Category).HasColumnName("category");
            article.Property(a => a.PublishedAt).HasColumnName("published_at");
            article.Property(a => a.Headline).HasColumnName("headline");
            article.Property(a => a.Summary).HasColumnName("summary");
            article.Property(a => a.Source).HasColumnName("source");
            article.Property(a => a.Url).HasColumnName("url");
            article.Property(a => a.ImageUrl).HasColumnName("image_url");
            article.Property(a => a.Related).HasColumnName("related");
            article.Property(a => a.FetchedAt).HasColumnName("fetched_at");
        });

        modelBuilder.Entity<NewsSymbolRow>(link =>
        {
            link.ToTable("news_symbols");
            link.HasKey(l => new { l.Provider, l.Symbol, l.NewsId });
            link.Property(l => l.Provider).HasColumnName("provider");
            link.Property(l => l.NewsId).HasColumnName("news_id");
            link.Property(l => l.Symbol).HasColumnName("symbol");
        });

        modelBuilder.Entity<ForexSnapshotRow>(snapshot =>
        {
            snapshot.ToTable("forex_snapshots");
            snapshot.HasKey(s => new { s.Provider, s.Base, s.QuotedAt });
            snapshot.Property(s => s.Provider).HasColumnName("provider");
            snapshot.Property(s => s.Base).HasColumnName("base");
            snapshot.Property(s => s.QuotedAt).HasColumnName("quoted_at");
            snapshot.Property(s => s.Rates).HasColumnName("rates").HasColumnType("jsonb");
        });

        modelBuilder.Entity<CryptoCandleRow>(candle =>
        {
            candle.ToTable("crypto_candles");
            candle.HasKey(c => new { c.Provider, c.Symbol, c.Resolution, c.OpenedAt });
            candle.Property(c => c.Provider).HasColumnName("provider");
            candle.Property(c => c.Symbol).HasColumnName("symbol");
            candle.Property(c => c.Resolution).HasColumnName("resolution");
            candle.Property(c => c.OpenedAt).HasColumnName("opened_at");
            candle.Property(c => c.Open).HasColumnName("open");
            candle.Property(c => c.High).HasColumnName("high");
            candle.Property(c => c.Low).HasColumnName("low");
            candle.Property(c => c.Close).HasColumnName("close");
            candle.Property(c => c.Volume).HasColumnName("volume");
            candle.Property(c => c.FetchedAt).HasColumnName("fetched_at");
        });
    }
}
