namespace Mart.Market.Events;

/// <summary>Which events a stream client asked for; an empty set means all of that dimension.</summary>
public sealed record MarketStreamFilter(IReadOnlySet<string> Symbols, IReadOnlySet<string> Types)
{
    /// <summary>Every event type the stream carries.</summary>
    public static IReadOnlyList<string> AllTypes { get; } = ["quote", "profile", "news", "forex", "crypto"];

    public bool Matches(MarketStreamEvent streamEvent) =>
        (Types.Count == 0 || Types.Contains(streamEvent.Type))
        && (Symbols.Count == 0 || streamEvent.Symbols.Any(Symbols.Contains));
}
