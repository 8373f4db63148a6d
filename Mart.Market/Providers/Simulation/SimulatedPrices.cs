using Mart.Market.Domain;

namespace Mart.Market.Providers.Simulation;

/// <summary>
/// Prices as a seeded random walk per symbol: each day's open and close, joined within the day by a Brownian bridge in
/// steps of <see cref="SimulationOptions.QuoteStep"/>, so quotes and candles agree and depend only on seed, symbol and time.
/// </summary>
internal sealed class SimulatedPrices
{
    private const double DailyVolatility = 0.02;
    private const double GapVolatility = 0.004;
    private const double IntradayVolatilityShare = 0.8;
    private const double WickVolatility = 0.006;
    private const int SaltBase = 1;
    private const int SaltDay = 2;
    private const int SaltGap = 3;
    private const int SaltTick = 4;
    private const int SaltVolume = 5;
    private const int SaltWickHigh = 6;
    private const int SaltWickLow = 7;

    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly long seed;
    private readonly long stepSeconds;
    private readonly int stepsPerDay;

    public SimulatedPrices(long seed, TimeSpan step)
    {
        var seconds = step.TotalSeconds;
        if (seconds < 1 || seconds != Math.Floor(seconds) || 60 % (long)seconds != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The simulated quote step must be a whole number of seconds that divides a minute.");
        }

        this.seed = seed;
        stepSeconds = (long)seconds;
        stepsPerDay = (int)(86_400 / stepSeconds);
    }

    /// <summary>The quote at <paramref name="now"/>: the price of the current step, the day's range so far, the previous close.</summary>
    public Quote QuoteAt(string symbol, DateTimeOffset now)
    {
        var noise = Noise(symbol);
        var day = DayIndex(now);
        var logOpen = LogOpen(noise, symbol, day);
        var path = DayPath(noise, logOpen, day);
        var step = StepIndex(now, day);
        var (high, low) = Range(path, 0, step);
        var current = Round(path[step]);
        var previousClose = Round(Math.Exp(logOpen - Gap(noise, day)));
        var change = Math.Round(current - previousClose, 6);
        return new Quote(
            symbol,
            current,
            change,
            Math.Round(change / previousClose * 100, 4),
            Round(high),
            Round(low),
            Round(path[0]),
            previousClose,
            DayStart(day).AddSeconds(step * stepSeconds));
    }

    /// <summary>The opening price of the day containing <paramref name="time"/>.</summary>
    public double OpenOfDay(string symbol, DateTimeOffset time) => Round(Math.Exp(LogOpen(Noise(symbol), symbol, DayIndex(time))));

    /// <summary>The day's return of the day containing <paramref name="time"/> (close over open, minus one).</summary>
    public double DayChange(string symbol, DateTimeOffset time) => Math.Exp(DayReturn(Noise(symbol), DayIndex(time))) - 1;

    /// <summary>Candles starting in [<paramref name="from"/>, <paramref name="to"/>] and not after <paramref name="now"/>; the last may still be forming.</summary>
    public IReadOnlyList<CryptoCandle> Candles(string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var end = to < now ? to : now;
        var start = CandleResolution.Floor(resolution, from);
        if (start < from)
        {
            start = CandleResolution.Next(resolution, start);
        }

        if (start > end)
        {
            return [];
        }

        return resolution is "D" or "W" or "M"
            ? DailyCandles(symbol, resolution, start, end, now)
            : IntradayCandles(symbol, resolution, start, end, now);
    }

    private List<CryptoCandle> IntradayCandles(string symbol, string resolution, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var noise = Noise(symbol);
        var stepsPerCandle = (int)(CandleResolution.Length(resolution).TotalSeconds / stepSeconds);
        var paths = new Dictionary<long, double[]>();
        var candles = new List<CryptoCandle>();
        for (var time = start; time <= end; time = CandleResolution.Next(resolution, time))
        {
            var day = DayIndex(time);
            if (!paths.TryGetValue(day, out var path))
            {
                path = DayPath(noise, LogOpen(noise, symbol, day), day);
                paths[day] = path;
            }

            var first = StepIndex(time, day);
            var last = Math.Min(first + stepsPerCandle, stepsPerDay);
            if (time + CandleResolution.Length(resolution) > now)
            {
                last = StepIndex(now, day);
            }

            var (high, low) = Range(path, first, last);
            var share = CandleResolution.Length(resolution).TotalMinutes / 1440;
            var volume = DayVolume(noise, symbol, day) * share * Math.Exp(0.3 * noise.Gaussian(time.ToUnixTimeSeconds(), 0, SaltVolume));
            candles.Add(new CryptoCandle(time, Round(path[first]), Round(high), Round(low), Round(path[last]), Math.Round(volume, 4)));
        }

        return candles;
    }

    private List<CryptoCandle> DailyCandles(string symbol, string resolution, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var noise = Noise(symbol);
        var today = DayIndex(now);
        var firstDay = DayIndex(start);
        var lastDay = DayIndex(end);
        if (resolution != "D")
        {
            // The last week or month runs on to its end (or to now), not only to the last requested start.
            lastDay = Math.Min(DayIndex(CandleResolution.Next(resolution, CandleResolution.Floor(resolution, end))) - 1, today);
        }

        var candles = new List<CryptoCandle>();
        var logOpen = LogOpen(noise, symbol, firstDay);
        DateTimeOffset? openedAt = null;
        double open = 0, high = 0, low = 0, close = 0, volume = 0;
        for (var day = firstDay; day <= lastDay; day++)
        {
            var bar = DailyBar(noise, symbol, day, logOpen, day == today ? now : null);
            var candleStart = CandleResolution.Floor(resolution, DayStart(day));
            if (openedAt != candleStart)
            {
                if (openedAt is { } previous)
                {
                    candles.Add(new CryptoCandle(previous, Round(open), Round(high), Round(low), Round(close), Math.Round(volume, 4)));
                }

                openedAt = candleStart;
                (open, high, low, volume) = (bar.Open, bar.High, bar.Low, 0);
            }

            high = Math.Max(high, bar.High);
            low = Math.Min(low, bar.Low);
            close = bar.Close;
            volume += bar.Volume;
            logOpen += DayReturn(noise, day) + Gap(noise, day + 1);
        }

        if (openedAt is { } last)
        {
            candles.Add(new CryptoCandle(last, Round(open), Round(high), Round(low), Round(close), Math.Round(volume, 4)));
        }

        return candles;
    }

    private (double Open, double High, double Low, double Close, double Volume) DailyBar(
        NoiseSource noise, string symbol, long day, double logOpen, DateTimeOffset? now)
    {
        var open = Math.Exp(logOpen);
        if (now is { } current)
        {
            // Today: the day so far, exactly as the quotes saw it.
            var path = DayPath(noise, logOpen, day);
            var step = StepIndex(current, day);
            var (high, low) = Range(path, 0, step);
            var share = (double)step / stepsPerDay;
            return (open, high, low, path[step], DayVolume(noise, symbol, day) * share);
        }

        var close = Math.Exp(logOpen + DayReturn(noise, day));
        return (
            open,
            Math.Max(open, close) * Math.Exp(WickVolatility * Math.Abs(noise.Gaussian(day, 0, SaltWickHigh))),
            Math.Min(open, close) * Math.Exp(-WickVolatility * Math.Abs(noise.Gaussian(day, 0, SaltWickLow))),
            close,
            DayVolume(noise, symbol, day));
    }

    // Log prices of the day at every step, 0..stepsPerDay: a bridge from the open to the close.
    private double[] DayPath(NoiseSource noise, double logOpen, long day)
    {
        var dayReturn = DayReturn(noise, day);
        var sigma = DailyVolatility * IntradayVolatilityShare / Math.Sqrt(stepsPerDay);
        var walk = new double[stepsPerDay + 1];
        for (var j = 0; j < stepsPerDay; j++)
        {
            walk[j + 1] = walk[j] + noise.Gaussian(day, j, SaltTick);
        }

        var path = new double[stepsPerDay + 1];
        for (var s = 0; s <= stepsPerDay; s++)
        {
            var share = (double)s / stepsPerDay;
            path[s] = Math.Exp(logOpen + (share * dayReturn) + (sigma * (walk[s] - (share * walk[stepsPerDay]))));
        }

        return path;
    }

    // The open of day d is the base price moved by every day's return and gap since the epoch (or back to it).
    private double LogOpen(NoiseSource noise, string symbol, long day)
    {
        var log = Math.Log(BasePrice(noise, symbol));
        if (day >= 0)
        {
            for (long k = 0; k < day; k++)
            {
                log += DayReturn(noise, k) + Gap(noise, k + 1);
            }
        }
        else
        {
            for (var k = day; k < 0; k++)
            {
                log -= DayReturn(noise, k) + Gap(noise, k + 1);
            }
        }

        return log;
    }

    private static double BasePrice(NoiseSource noise, string symbol)
    {
        // Log-uniform, so cheap and expensive instruments are equally common; crypto pairs span a wider range.
        var (low, high) = MarketSymbol.IsCrypto(symbol) ? (0.05, 60_000.0) : (5.0, 800.0);
        return Math.Exp(Math.Log(low) + (noise.Unit(0, 0, SaltBase) * (Math.Log(high) - Math.Log(low))));
    }

    private static double DayVolume(NoiseSource noise, string symbol, long day)
    {
        var (low, high) = MarketSymbol.IsCrypto(symbol) ? (1e3, 1e6) : (1e5, 5e7);
        var typical = Math.Exp(Math.Log(low) + (noise.Unit(0, 0, SaltVolume) * (Math.Log(high) - Math.Log(low))));
        return typical * Math.Exp(0.4 * noise.Gaussian(day, 1, SaltVolume));
    }

    private static double DayReturn(NoiseSource noise, long day) => DailyVolatility * noise.Gaussian(day, 0, SaltDay);

    private static double Gap(NoiseSource noise, long day) => GapVolatility * noise.Gaussian(day, 0, SaltGap);

    private static (double High, double Low) Range(double[] path, int first, int last)
    {
        double high = path[first], low = path[first];
        for (var i = first + 1; i <= last; i++)
        {
            high = Math.Max(high, path[i]);
            low = Math.Min(low, path[i]);
        }

        return (high, low);
    }

    private NoiseSource Noise(string symbol) => new(seed, symbol);

    private static long DayIndex(DateTimeOffset time) => (long)Math.Floor((time.ToUniversalTime() - Epoch).TotalDays);

    private static DateTimeOffset DayStart(long day) => Epoch.AddDays(day);

    private int StepIndex(DateTimeOffset time, long day) =>
        (int)Math.Clamp((long)Math.Floor((time - DayStart(day)).TotalSeconds) / stepSeconds, 0, stepsPerDay);

    // Cents for ordinary prices, more digits below one unit (small coins, penny stocks).
    private static double Round(double price) => price >= 1 ? Math.Round(price, 2) : Math.Round(price, 6);
}
