namespace Mart.Market.Events;

/// <summary>
/// One entry of <c>mart.market</c> as the live stream sends it.
/// </summary>
/// <param name="Id">The stream entry id; also the SSE event id, so a client can resume with <c>Last-Event-ID</c>.</param>
/// <param name="Type">SSE event name: <c>quote</c>, <c>profile</c>, <c>news</c>, <c>forex</c> or <c>crypto</c>.</param>
/// <param name="Data">The JSON payload (the same shapes as the HTTP API).</param>
/// <param name="Symbols">What the event is about, for filtering: tickers, crypto pairs, or the forex base currency.</param>
public sealed record MarketStreamEvent(string Id, string Type, string Data, IReadOnlyList<string> Symbols);
