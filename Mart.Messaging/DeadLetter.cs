using System.Globalization;
using Google.Protobuf;

namespace Mart.Messaging;

/// <summary>An entry of a <c>.dlq</c> stream: the original event plus why it was given up.</summary>
/// <param name="EntryId">Id of the dead-letter entry.</param>
/// <param name="Envelope">The original event, or <see langword="null"/> when the original entry was malformed.</param>
/// <param name="Error">The last failure.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="ConsumerGroup">The group that gave up.</param>
/// <param name="OriginalStream">Stream the entry came from.</param>
/// <param name="OriginalEntryId">Its id there.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
public sealed record DeadLetter(
    string EntryId,
    EventEnvelope? Envelope,
    string Error,
    int Attempts,
    string ConsumerGroup,
    string OriginalStream,
    string OriginalEntryId,
    DateTimeOffset FailedAt)
{
    /// <summary>Reads a dead-letter entry as written by the consumer.</summary>
    public static DeadLetter FromEntry(EventStreamEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EventEnvelope.TryParse(entry, out var envelope, out _);
        return new DeadLetter(
            entry.Id,
            envelope,
            entry.GetString(EventFields.Error) ?? string.Empty,
            int.TryParse(entry.GetString(EventFields.Attempts), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            entry.GetString(EventFields.ConsumerGroup) ?? string.Empty,
            entry.GetString(EventFields.OriginalStream) ?? string.Empty,
            entry.GetString(EventFields.OriginalEntryId) ?? string.Empty,
            long.TryParse(entry.GetString(EventFields.FailedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var failedAt)
                ? DateTimeOffset.FromUnixTimeMilliseconds(failedAt)
                : DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The original message decoded, or <see langword="null"/> when there is no envelope, its type is unknown or its
    /// bytes do not decode (any of which may be why it was dead-lettered).
    /// </summary>
    public IMessage? Decode(EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (Envelope is null || !registry.TryGetDescriptor(Envelope.Type, out _))
        {
            return null;
        }

        try
        {
            return registry.Parse(Envelope);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
