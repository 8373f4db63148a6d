namespace Mart.Messaging;

/// <summary>Messaging settings of one service; bound from the <c>Mart:Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Mart:Messaging";

    /// <summary>The service's name: the consumer group, the <c>source</c> field, and part of the default stream name.</summary>
    public string ServiceName { get; set; } = string.Empty;

    /// <summary>Stream this service publishes to; defaults to <c>mart.&lt;service name&gt;</c>.</summary>
    public string? Stream { get; set; }

    /// <summary>Consumer name within the group; defaults to the instance id (see <see cref="InstanceIdentity"/>).</summary>
    public string? ConsumerName { get; set; }

    /// <summary>The outbox relay.</summary>
    public OutboxRelayOptions Relay { get; set; } = new();

    /// <summary>The stream consumers.</summary>
    public EventConsumerOptions Consumer { get; set; } = new();

    /// <summary>How long a consumer may stay on one entry, or the relay fail, before <c>/health</c> reports
    /// Degraded.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The stream actually published to.</summary>
    public string ResolvedStream => string.IsNullOrWhiteSpace(Stream) ? StreamNames.ForService(ServiceName) : Stream;
}
