namespace Mart.Tests.EndToEnd.Market.FakeFinnhub;

/// <summary>One request the fake received.</summary>
/// <param name="Endpoint">Path below /api/v1, e.g. <c>quote</c> or <c>stock/profile2</c>.</param>
/// <param name="Key">The symbol (or forex base) asked for.</param>
/// <param name="ArrivedAt">Arrival time on the fake's monotonic clock.</param>
/// <param name="Status">The status the fake answered with.</param>
internal sealed record FakeFinnhubCall(string Endpoint, string Key, TimeSpan ArrivedAt, int Status);
