namespace Mart.Market.Domain;

/// <summary>Exchange rates from one base currency (Finnhub's <c>/forex/rates</c>).</summary>
/// <param name="Base">ISO-4217 code of the base currency.</param>
/// <param name="Rates">Quote currency to units of it per one unit of <paramref name="Base"/>.</param>
public sealed record ForexRates(string Base, IReadOnlyDictionary<string, double> Rates);
