namespace Mart.AppHost.Events;

/// <summary>How the stream resources watch Redis (<c>AppHost:EventStreams</c>).</summary>
public sealed record EventStreamOptions
{
    public const string Section = "AppHost:EventStreams";

    /// <summary>How often each stream is read again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A group whose lag rose at every reading over this long is falling behind, not just busy.</summary>
    public TimeSpan LagGrowthWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most dead letters <c>show-dead-letters</c> writes to the console log at once (the oldest first).</summary>
    public int ShowLimit { get; init; } = 100;
}
