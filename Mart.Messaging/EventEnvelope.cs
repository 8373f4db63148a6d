using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>One event as it travels on a stream: the entry fields in docs/architecture.md (Events).</summary>
/// <param name="Id">UUID v7 of the outbox row; the consumer's inbox key, so it is the deduplication id.</param>
/// <param name="Type">Versioned type name, e.g. <c>order.placed.v1</c>.</param>
/// <param name="Data">The protobuf-encoded message.</param>
/// <param name="TraceParent">W3C traceparent of the producer span, when there was one.</param>
/// <param name="Source">Name of the producing service.</param>
/// <param name="Occurred">When the event was enqueued, unix milliseconds.</param>
public sealed record EventEnvelope(Guid Id, string Type, ReadOnlyMemory<byte> Data, string? TraceParent, string Source, long Occurred)
{
    /// <summary>When the event was enqueued.</summary>
    public DateTimeOffset OccurredAt => DateTimeOffset.FromUnixTimeMilliseconds(Occurred);

    /// <summary>The entry fields in a fixed order; <c>traceparent</c> is left out when there is none.</summary>
    public NameValueEntry[] ToFields()
    {
        var fields = new List<NameValueEntry>(6)
        {
            new(EventFields.Id, Id.ToString("D")),
            new(EventFields.Type, Type),
            new(EventFields.Data, Data),
        };
        if (!string.IsNullOrEmpty(TraceParent))
        {
            fields.Add(new(EventFields.TraceParent, TraceParent));
        }

        fields.Add(new(EventFields.Source, Source));
        fields.Add(new(EventFields.Occurred, Occurred.ToString(CultureInfo.InvariantCulture)));
        return [.. fields];
    }

    /// <summary>Reads the envelope back from entry fields; <see langword="false"/> with a reason when a field is missing or malformed.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, byte[]> fields, out EventEnvelope? envelope, out string? error)
    {
        envelope = null;
        if (!TryGetText(fields, EventFields.Id, out var idText) || !Guid.TryParseExact(idText, "D", out var id))
        {
            error = "field 'id' is missing or not a UUID";
            return false;
        }

        if (!TryGetText(fields, EventFields.Type, out var type) || type.Length == 0)
        {
            error = "field 'type' is missing";
            return false;
        }

        if (!fields.TryGetValue(EventFields.Data, out var data))
        {
            error = "field 'data' is missing";
            return false;
        }

        if (!fields.TryGetValue(EventFields.Occurred, out var occurredBytes) || !Utf8Parser.TryParse(occurredBytes, out long occurred, out var consumed) || consumed != occurredBytes.Length)
        {
            error = "field 'occurred' is missing or not an integer";
            return false;
        }

        TryGetText(fields, EventFields.Source, out var source);
        TryGetText(fields, EventFields.TraceParent, out var traceParent);
        envelope = new EventEnvelope(id, type, data, string.IsNullOrEmpty(traceParent) ? null : traceParent, source ?? string.Empty, occurred);
        error = null;
        return true;
    }

    /// <summary>Reads the envelope of a stream entry; see <see cref="TryParse(IReadOnlyDictionary{string, byte[]}, out EventEnvelope?, out string?)"/>.</summary>
    public static bool TryParse(EventStreamEntry entry, out EventEnvelope? envelope, out string? error) =>
        TryParse(entry.Fields, out envelope, out error);

    private static bool TryGetText(IReadOnlyDictionary<string, byte[]> fields, string name, out string text)
    {
        if (fields.TryGetValue(name, out var bytes))
        {
            text = Encoding.UTF8.GetString(bytes);
            return true;
        }

        text = string.Empty;
        return false;
    }
}
