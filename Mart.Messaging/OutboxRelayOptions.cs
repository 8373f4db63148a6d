namespace Mart.Messaging;

/// <summary>How the outbox relay publishes.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>Longest wait between scans when no commit signal or notification arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows claimed and published per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Entries a stream keeps at least; older ones go once every group has acknowledged them
    /// (<see cref="StreamTrimmer"/>). <see langword="null"/> = never trim.</summary>
    public long? StreamMaxLength { get; set; } = 100_000;

    /// <summary>How often the relay trims its stream.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay after a failed publish (Redis or the database down); doubles per failure.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between publish attempts while failing.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent rows older than this are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often old sent rows are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the backlog gauge is refreshed (a count of unsent rows).</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>LISTEN for other replicas' commit notifications (this process's own commits wake the relay
    /// in-process).</summary>
    public bool ListenForNotifications { get; set; } = true;
}
