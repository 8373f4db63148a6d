using Mart.Market.Domain;

namespace Mart.Market.Providers.Simulation;

/// <summary>
/// Exchange rates that wander around realistic levels: each currency's value in US dollars drifts smoothly
/// (interpolated hourly noise, no trend), and cross rates derive from those values, so they are consistent.
/// </summary>
internal sealed class SimulatedForex(long seed)
{
    private const double Wander = 0.004;
    private const int SaltLevel = 31;
    private const int SaltHour = 32;

    // Units per US dollar, roughly; currencies not listed get a reproducible level of their own.
    private static readonly Dictionary<string, double> PerDollar = new(StringComparer.Ordinal)
    {
        ["USD"] = 1, ["EUR"] = 0.92, ["GBP"] = 0.79, ["JPY"] = 151, ["CHF"] = 0.88, ["CAD"] = 1.36, ["AUD"] = 1.52,
        ["NZD"] = 1.66, ["CNY"] = 7.23, ["HKD"] = 7.82, ["SEK"] = 10.6, ["NOK"] = 10.7, ["DKK"] = 6.87, ["PLN"] = 3.98,
        ["INR"] = 83.3, ["BRL"] = 5.0, ["MXN"] = 17.0, ["ZAR"] = 18.7, ["KRW"] = 1340, ["SGD"] = 1.35, ["TRY"] = 32.0,
        ["XAU"] = 0.00043, ["XAG"] = 0.035,
    };

    /// <summary>Rates from <paramref name="baseCurrency"/> to every other known currency, for the minute of <paramref name="now"/>.</summary>
    public ForexRates RatesAt(string baseCurrency, DateTimeOffset now)
    {
        var baseValue = PerDollarAt(baseCurrency, now);
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in CurrencyCode.All)
        {
            if (code != baseCurrency)
            {
                rates[code] = RoundRate(PerDollarAt(code, now) / baseValue);
            }
        }

        return new ForexRates(baseCurrency, rates);
    }

    private double PerDollarAt(string code, DateTimeOffset now)
    {
        if (code == "USD")
        {
            return 1;
        }

        var noise = new NoiseSource(seed, "fx:" + code);
        var level = PerDollar.TryGetValue(code, out var known)
            ? known
            : Math.Exp(Math.Log(0.3) + (noise.Unit(0, 0, SaltLevel) * (Math.Log(3000) - Math.Log(0.3))));

        // Minute resolution, linear between hourly knots.
        var minutes = now.ToUnixTimeSeconds() / 60;
        var hour = Math.DivRem(minutes, 60, out var minute);
        var share = minute / 60.0;
        var drift = ((1 - share) * noise.Gaussian(hour, 0, SaltHour)) + (share * noise.Gaussian(hour + 1, 0, SaltHour));
        return level * Math.Exp(Wander * drift);
    }

    private static double RoundRate(double rate) => Math.Round(rate, rate >= 1 ? 4 : 8);
}
