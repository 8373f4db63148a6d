using System.Threading.Channels;

namespace Mart.Market.Events;

/// <summary>One stream client's place in the feed: read <see cref="Events"/>; dispose to leave.</summary>
public sealed class MarketFeedSubscription(ChannelReader<MarketStreamEvent> events, Action leave) : IDisposable
{
    /// <summary>Events since subscribing; completes when the feed stops.</summary>
    public ChannelReader<MarketStreamEvent> Events { get; } = events;

    public void Dispose() => leave();
}
