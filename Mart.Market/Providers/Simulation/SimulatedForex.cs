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

    // Units per US dollar, roughly (a recent level, not a live rate); the simulation wanders around these.
    private static readonly Dictionary<string, double> PerDollar = new(StringComparer.Ordinal)
    {
        ["AED"] = 3.67, ["AFN"] = 71, ["ALL"] = 93, ["AMD"] = 388, ["ANG"] = 1.79, ["AOA"] = 830, ["ARS"] = 870,
        ["AUD"] = 1.52, ["AWG"] = 1.79, ["AZN"] = 1.70, ["BAM"] = 1.80, ["BBD"] = 2.0, ["BDT"] = 110, ["BGN"] = 1.80,
        ["BHD"] = 0.376, ["BIF"] = 2860, ["BMD"] = 1.0, ["BND"] = 1.35, ["BOB"] = 6.91, ["BRL"] = 5.0, ["BSD"] = 1.0,
        ["BTN"] = 83.3, ["BWP"] = 13.6, ["BYN"] = 3.27, ["BZD"] = 2.0, ["CAD"] = 1.36, ["CDF"] = 2780, ["CHF"] = 0.88,
        ["CLP"] = 940, ["CNY"] = 7.23, ["COP"] = 3900, ["CRC"] = 510, ["CUP"] = 24, ["CVE"] = 101, ["CZK"] = 23.3,
        ["DJF"] = 178, ["DKK"] = 6.87, ["DOP"] = 59, ["DZD"] = 134, ["EGP"] = 47, ["ERN"] = 15, ["ETB"] = 57,
        ["EUR"] = 0.92, ["FJD"] = 2.25, ["FKP"] = 0.79, ["GBP"] = 0.79, ["GEL"] = 2.68, ["GHS"] = 13.5, ["GIP"] = 0.79,
        ["GMD"] = 67, ["GNF"] = 8600, ["GTQ"] = 7.8, ["GYD"] = 209, ["HKD"] = 7.82, ["HNL"] = 24.7, ["HTG"] = 132,
        ["HUF"] = 360, ["IDR"] = 15900, ["ILS"] = 3.7, ["INR"] = 83.3, ["IQD"] = 1310, ["IRR"] = 42000, ["ISK"] = 138,
        ["JMD"] = 156, ["JOD"] = 0.709, ["JPY"] = 151, ["KES"] = 130, ["KGS"] = 89, ["KHR"] = 4080, ["KMF"] = 452,
        ["KPW"] = 900, ["KRW"] = 1340, ["KWD"] = 0.308, ["KYD"] = 0.833, ["KZT"] = 445, ["LAK"] = 21000,
        ["LBP"] = 89500, ["LKR"] = 300, ["LRD"] = 193, ["LSL"] = 18.7, ["LYD"] = 4.85, ["MAD"] = 10.0, ["MDL"] = 17.7,
        ["MGA"] = 4450, ["MKD"] = 56.6, ["MMK"] = 2100, ["MNT"] = 3400, ["MOP"] = 8.05, ["MRU"] = 39.7, ["MUR"] = 46,
        ["MVR"] = 15.4, ["MWK"] = 1730, ["MXN"] = 17.0, ["MYR"] = 4.7, ["MZN"] = 63.9, ["NAD"] = 18.7, ["NGN"] = 1400,
        ["NIO"] = 36.8, ["NOK"] = 10.7, ["NPR"] = 133, ["NZD"] = 1.66, ["OMR"] = 0.385, ["PAB"] = 1.0, ["PEN"] = 3.7,
        ["PGK"] = 3.8, ["PHP"] = 56, ["PKR"] = 278, ["PLN"] = 3.98, ["PYG"] = 7400, ["QAR"] = 3.64, ["RON"] = 4.58,
        ["RSD"] = 108, ["RUB"] = 92, ["RWF"] = 1290, ["SAR"] = 3.75, ["SBD"] = 8.4, ["SCR"] = 13.6, ["SDG"] = 600,
        ["SEK"] = 10.6, ["SGD"] = 1.35, ["SHP"] = 0.79, ["SLE"] = 22.5, ["SOS"] = 571, ["SRD"] = 35, ["SSP"] = 1300,
        ["STN"] = 22.6, ["SVC"] = 8.75, ["SYP"] = 13000, ["SZL"] = 18.7, ["THB"] = 36, ["TJS"] = 10.9, ["TMT"] = 3.5,
        ["TND"] = 3.1, ["TOP"] = 2.35, ["TRY"] = 32, ["TTD"] = 6.78, ["TWD"] = 32, ["TZS"] = 2570, ["UAH"] = 39,
        ["UGX"] = 3800, ["USD"] = 1, ["UYU"] = 39, ["UZS"] = 12600, ["VES"] = 36.5, ["VND"] = 25000, ["VUV"] = 119,
        ["WST"] = 2.72, ["XAF"] = 604, ["XCD"] = 2.7, ["XOF"] = 604, ["XPF"] = 110, ["YER"] = 250, ["ZAR"] = 18.7,
        ["ZMW"] = 26, ["ZWG"] = 13.5, ["XAU"] = 0.00043, ["XAG"] = 0.035, ["XPT"] = 0.0011, ["XPD"] = 0.001,
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
        // A code added to CurrencyCode but not to the table still gets a reproducible level of its own.
        var level = PerDollar.TryGetValue(code, out var known)
            ? known
            : Math.Exp(Math.Log(0.5) + (noise.Unit(0, 0, SaltLevel) * (Math.Log(50) - Math.Log(0.5))));

        // Minute resolution, linear between hourly knots.
        var minutes = now.ToUnixTimeSeconds() / 60;
        var hour = Math.DivRem(minutes, 60, out var minute);
        var share = minute / 60.0;
        var drift = ((1 - share) * noise.Gaussian(hour, 0, SaltHour)) + (share * noise.Gaussian(hour + 1, 0, SaltHour));
        return level * Math.Exp(Wander * drift);
    }

    private static double RoundRate(double rate) => Math.Round(rate, rate >= 1 ? 4 : 8);
}
