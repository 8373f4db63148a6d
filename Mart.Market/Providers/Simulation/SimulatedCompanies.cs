using Mart.Market.Domain;

namespace Mart.Market.Providers.Simulation;

/// <summary>Plausible, reproducible company profiles: every field is picked from the symbol's own noise.</summary>
internal sealed class SimulatedCompanies(long seed, SimulatedPrices prices)
{
    private const int SaltName = 11;
    private const int SaltListing = 12;
    private const int SaltIndustry = 13;
    private const int SaltIpo = 14;
    private const int SaltShares = 15;
    private const int SaltPhone = 16;

    private static readonly string[] NameStarts =
        ["Northwind", "Bluecrest", "Silverline", "Ironwood", "Brightwater", "Summit", "Redfield", "Greenhaven", "Stonebridge", "Clearpath", "Harbor", "Keystone"];

    private static readonly string[] NameEnds =
        ["Systems", "Technologies", "Industries", "Dynamics", "Networks", "Foods", "Energy", "Pharmaceuticals", "Logistics", "Financial", "Motors", "Media"];

    private static readonly string[] Forms = ["Inc", "Corp", "Holdings Inc", "Group", "Ltd"];

    private static readonly string[] Industries =
        ["Technology", "Semiconductors", "Retail", "Banking", "Pharmaceuticals", "Media", "Automobiles", "Energy", "Insurance", "Telecommunication", "Food Products", "Aerospace & Defense"];

    // Country, currency, exchange and dialling code that belong together; US listed twice as it dominates listings.
    private static readonly (string Country, string Currency, string Exchange, string Dialling)[] Listings =
    [
        ("US", "USD", "NASDAQ NMS - GLOBAL MARKET", "1"),
        ("US", "USD", "NEW YORK STOCK EXCHANGE, INC.", "1"),
        ("GB", "GBP", "LONDON STOCK EXCHANGE", "44"),
        ("DE", "EUR", "XETRA", "49"),
        ("JP", "JPY", "TOKYO STOCK EXCHANGE", "81"),
        ("CA", "CAD", "TORONTO STOCK EXCHANGE", "1"),
    ];

    /// <summary>The company's name, also used in simulated headlines.</summary>
    public string NameOf(string symbol)
    {
        var noise = new NoiseSource(seed, symbol);
        return $"{NameStarts[noise.Pick(NameStarts.Length, 0, 0, SaltName)]} {NameEnds[noise.Pick(NameEnds.Length, 1, 0, SaltName)]} {Forms[noise.Pick(Forms.Length, 2, 0, SaltName)]}";
    }

    public CompanyProfile ProfileOf(string symbol, DateTimeOffset now)
    {
        var noise = new NoiseSource(seed, symbol);
        var name = NameOf(symbol);
        var listing = Listings[noise.Pick(Listings.Length, 0, 0, SaltListing)];
        var ipo = new DateOnly(1975, 1, 1).AddDays(noise.Pick(47 * 365, 0, 0, SaltIpo));
        var sharesMillions = Math.Round(Math.Exp(Math.Log(50) + (noise.Unit(0, 0, SaltShares) * (Math.Log(16_000) - Math.Log(50)))), 4);
        var slug = new string([.. name.Split(' ')[0].ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var phone = $"+{listing.Dialling} {100 + noise.Pick(900, 0, 0, SaltPhone)} {1_000_000 + noise.Pick(9_000_000, 1, 0, SaltPhone)}";
        return new CompanyProfile(
            symbol,
            name,
            listing.Country,
            listing.Currency,
            listing.Exchange,
            Industries[noise.Pick(Industries.Length, 0, 0, SaltIndustry)],
            ipo,
            Math.Round(prices.OpenOfDay(symbol, now) * sharesMillions, 2),
            sharesMillions,
            $"https://static.example.com/logos/{Uri.EscapeDataString(symbol)}.png",
            phone,
            $"https://www.{slug}-{symbol.ToLowerInvariant().Replace('.', '-')}.example.com/");
    }
}
