using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Events;

/// <summary>How the live stream follows <c>mart.market</c>; bound from <c>Market:Stream</c>.</summary>
public sealed class MarketStreamOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Market:Stream";

    /// <summary>How often the stream is read for new entries when the last read found none.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Entries read per round trip.</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Events buffered per client; a client that falls further behind loses its oldest events, not the others' speed.</summary>
    [Range(1, int.MaxValue)]
    public int ClientBuffer { get; set; } = 256;

    /// <summary>Most entries replayed to a client resuming with <c>Last-Event-ID</c>.</summary>
    [Range(1, int.MaxValue)]
    public int ReplayLimit { get; set; } = 1000;
}
