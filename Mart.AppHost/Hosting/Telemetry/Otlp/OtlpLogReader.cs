using Mart.Hosting.Telemetry.Protobuf;

namespace Mart.Hosting.Telemetry.Otlp;

/// <summary>
/// Decodes an <c>ExportLogsServiceRequest</c> (opentelemetry/proto/collector/logs/v1):
/// request → ResourceLogs (1) → resource (1), ScopeLogs (2) → scope (1), LogRecord (2).
/// </summary>
internal static class OtlpLogReader
{
    public static List<LogEntry> Read(ReadOnlySpan<byte> request)
    {
        var logs = new List<LogEntry>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                ReadResourceLogs(reader.ReadMessage(), logs);
            }
            else
            {
                reader.Skip();
            }
        }

        return logs;
    }

    private static void ReadResourceLogs(ProtoReader reader, List<LogEntry> logs)
    {
        var source = OtlpCommonReader.FindResource(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                ReadScopeLogs(reader.ReadMessage(), source, logs);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadScopeLogs(ProtoReader reader, TelemetrySource source, List<LogEntry> logs)
    {
        var scope = OtlpCommonReader.FindScopeName(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                logs.Add(ReadLogRecord(reader.ReadMessage(), source, scope));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// LogRecord: time_unix_nano 1, severity_number 2, body 5 (AnyValue), attributes 6, trace_id 9, span_id 10,
    /// observed_time_unix_nano 11, event_name 12.
    /// </summary>
    private static LogEntry ReadLogRecord(ProtoReader reader, TelemetrySource source, string scope)
    {
        ulong time = 0, observed = 0;
        var severity = 0;
        var body = "";
        string? eventName = null, traceId = null, spanId = null;
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.Fixed64):
                    time = reader.ReadFixed64();
                    break;
                case (2, WireType.Varint):
                    severity = (int)reader.ReadVarint();
                    break;
                case (5, WireType.LengthDelimited):
                    body = OtlpCommonReader.ReadAnyValue(reader.ReadMessage());
                    break;
                case (6, WireType.LengthDelimited):
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                case (9, WireType.LengthDelimited):
                    traceId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (10, WireType.LengthDelimited):
                    spanId = OtlpCommonReader.ReadId(ref reader);
                    break;
                case (11, WireType.Fixed64):
                    observed = reader.ReadFixed64();
                    break;
                case (12, WireType.LengthDelimited):
                    eventName = reader.ReadString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // Without a formatted message the template is all there is to show.
        if (body.Length == 0)
        {
            body = attributes.Find(a => a.Key == "{OriginalFormat}")?.Value ?? "";
        }

        return new LogEntry(
            source, scope, UnixNano.ToDateTimeOffset(time != 0 ? time : observed), severity, body,
            string.IsNullOrEmpty(eventName) ? null : eventName, attributes, traceId, spanId);
    }
}
