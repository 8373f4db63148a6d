namespace Mart.Messaging;

/// <summary>How stream consumers read, retry and give up.</summary>
public sealed class EventConsumerOptions
{
    /// <summary>Entries read per XREADGROUP.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>New entries per database transaction (1 = one each): one commit for many, but handlers' locks are
    /// held until the batch commits.</summary>
    public int TransactionBatchSize { get; set; } = 16;

    /// <summary>How long one XREADGROUP blocks waiting for new entries.</summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Id a new group starts from: "0" = everything the stream still holds, "$" = only new entries.</summary>
    /// <remarks>"0" by default so events published before a consuming service first started are not missed.</remarks>
    public string GroupStartId { get; set; } = "0";

    /// <summary>Handler attempts, over all deliveries, before an entry goes to the dead-letter stream.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Longest one attempt may take; past it the attempt fails, so a stuck entry cannot hold its stream.
    /// </summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay after the first failed attempt; doubles per attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Entries pending longer than this with another consumer are taken over (XAUTOCLAIM).</summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often to look for entries to take over.</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the lag gauge is refreshed (XINFO GROUPS).</summary>
    public TimeSpan LagSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay after Redis became unreachable; doubles per failure.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between attempts to reach Redis again.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
