using Mart.Hosting.Telemetry.Protobuf;

namespace Mart.Hosting.Telemetry.Otlp;

/// <summary>
/// Decodes an <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1):
/// request → ResourceSpans (1) → resource (1), ScopeSpans (2) → scope (1), Span (2).
/// </summary>
internal static class OtlpTraceReader
{
    public static List<SpanData> Read(ReadOnlySpan<byte> request)
    {
        var spans = new List<SpanData>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                ReadResourceSpans(reader.ReadMessage(), spans);
            }
            else
            {
                reader.Skip();
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ProtoReader reader, List<SpanData> spans)
    {
        var source = OtlpCommonReader.FindResource(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                ReadScopeSpans(reader.ReadMessage(), source, spans);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadScopeSpans(ProtoReader reader, TelemetrySource source, List<SpanData> spans)
    {
        var scope = OtlpCommonReader.FindScopeName(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                spans.Add(ReadSpan(reader.ReadMessage(), source, scope));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, start 7, end 8 (fixed64 unix ns),
    /// attributes 9, events 11, links 13, status 15.
    /// </summary>
    private static SpanData ReadSpan(ProtoReader reader, TelemetrySource source, string scope)
    {
        string? traceId = null, spanId = null, parentId = null, statusMessage = null;
        var name = "";
        var kind = SpanKind.Unspecified;
        ulong start = 0, end = 0;
        var status = SpanStatusCode.Unset;
        var attributes = new List<TelemetryAttribute>();
        var events = new List<SpanEvent>();
        var links = new List<SpanLink>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.LengthDelimited):
                    traceId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (2, WireType.LengthDelimited):
                    spanId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (4, WireType.LengthDelimited):
                    parentId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (5, WireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (6, WireType.Varint):
                    kind = (SpanKind)(int)reader.ReadVarint();
                    break;
                case (7, WireType.Fixed64):
                    start = reader.ReadFixed64();
                    break;
                case (8, WireType.Fixed64):
                    end = reader.ReadFixed64();
                    break;
                case (9, WireType.LengthDelimited):
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                case (11, WireType.LengthDelimited):
                    events.Add(ReadEvent(reader.ReadMessage()));
                    break;
                case (13, WireType.LengthDelimited):
                    if (ReadLink(reader.ReadMessage()) is { } link)
                    {
                        links.Add(link);
                    }

                    break;
                case (15, WireType.LengthDelimited):
                    (status, statusMessage) = ReadStatus(reader.ReadMessage());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (traceId is null || spanId is null)
        {
            throw new InvalidDataException("A span has no valid trace_id or span_id.");
        }

        return new SpanData(source, scope, traceId, spanId, parentId, name, kind, start, end, status, statusMessage, attributes, events, links);
    }

    /// <summary>Span.Event: time_unix_nano 1 (fixed64), name 2, attributes 3.</summary>
    private static SpanEvent ReadEvent(ProtoReader reader)
    {
        ulong time = 0;
        var name = "";
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.Fixed64):
                    time = reader.ReadFixed64();
                    break;
                case (2, WireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (3, WireType.LengthDelimited):
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new SpanEvent(UnixNano.ToDateTimeOffset(time), name, attributes);
    }

    /// <summary>Span.Link: trace_id 1, span_id 2.</summary>
    private static SpanLink? ReadLink(ProtoReader reader)
    {
        string? traceId = null, spanId = null;
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.LengthDelimited):
                    traceId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (2, WireType.LengthDelimited):
                    spanId = OtlpCommonReader.ReadId(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return traceId is null || spanId is null ? null : new SpanLink(traceId, spanId);
    }

    /// <summary>Status: message 2, code 3 (field 1 is reserved).</summary>
    private static (SpanStatusCode Code, string? Message) ReadStatus(ProtoReader reader)
    {
        var code = SpanStatusCode.Unset;
        string? message = null;
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (2, WireType.LengthDelimited):
                    message = reader.ReadString();
                    break;
                case (3, WireType.Varint):
                    code = (SpanStatusCode)(int)reader.ReadVarint();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (code, string.IsNullOrEmpty(message) ? null : message);
    }
}
