using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Market.Data;

/// <summary>
/// The market data database: quote history, company profiles, news, forex snapshots, crypto candles, and the outbox.
/// The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up, so the mappings here (snake
/// case by convention) must match those scripts.
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
        });

        modelBuilder.Entity<CompanyProfileRow>(profile =>
        {
            profile.ToTable("company_profiles");
            profile.HasKey(p => p.Symbol);
        });

        modelBuilder.Entity<NewsArticleRow>(article =>
        {
            article.ToTable("news_articles");
            article.HasKey(a => new { a.Provider, a.Id });
            article.Property(a => a.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<NewsSymbolRow>(link =>
        {
            link.ToTable("news_symbols");
            link.HasKey(l => new { l.Provider, l.Symbol, l.NewsId });
        });

        modelBuilder.Entity<ForexSnapshotRow>(snapshot =>
        {
            snapshot.ToTable("forex_snapshots");
            snapshot.HasKey(s => new { s.Provider, s.Base, s.QuotedAt });
            snapshot.Property(s => s.Rates).HasColumnType("jsonb");
        });

        modelBuilder.Entity<CryptoCandleRow>(candle =>
        {
            candle.ToTable("crypto_candles");
            candle.HasKey(c => new { c.Provider, c.Symbol, c.Resolution, c.OpenedAt });
        });
    }
}
