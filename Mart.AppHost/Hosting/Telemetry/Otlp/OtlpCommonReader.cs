using System.Globalization;
using System.Text;
using Mart.Hosting.Telemetry.Protobuf;

namespace Mart.Hosting.Telemetry.Otlp;

/// <summary>Reads the messages of opentelemetry/proto/common/v1 and resource/v1 that the dashboard shows.</summary>
internal static class OtlpCommonReader
{
    /// <summary>
    /// The Resource held in field <paramref name="field"/> of a ResourceSpans/ResourceLogs/ResourceMetrics. Fields
    /// may come in any order, so this looks ahead on a copy of the reader, leaving the caller's position alone.
    /// </summary>
    public static TelemetrySource FindResource(ProtoReader reader, int field = 1)
    {
        while (reader.Next())
        {
            if (reader.FieldNumber == field && reader.WireType == WireType.LengthDelimited)
            {
                return ReadResource(reader.ReadMessage());
            }

            reader.Skip();
        }

        return TelemetrySource.Unknown;
    }

    /// <summary>The instrumentation scope's name held in field <paramref name="field"/> of a Scope* message; see <see cref="FindResource"/>.</summary>
    public static string FindScopeName(ProtoReader reader, int field = 1)
    {
        while (reader.Next())
        {
            if (reader.FieldNumber == field && reader.WireType == WireType.LengthDelimited)
            {
                return ReadScopeName(reader.ReadMessage());
            }

            reader.Skip();
        }

        return "";
    }

    /// <summary>Resource: <c>repeated KeyValue attributes = 1</c>.</summary>
    public static TelemetrySource ReadResource(ProtoReader reader)
    {
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                attributes.Add(ReadKeyValue(reader.ReadMessage()));
            }
            else
            {
                reader.Skip();
            }
        }

        var service = attributes.Find(a => a.Key == "service.name")?.Value ?? TelemetrySource.Unknown.ServiceName;
        var instance = attributes.Find(a => a.Key == "service.instance.id")?.Value ?? "";
        return new TelemetrySource(service, instance, attributes);
    }

    /// <summary>InstrumentationScope: <c>string name = 1</c>; version and attributes are not shown.</summary>
    public static string ReadScopeName(ProtoReader reader)
    {
        var name = "";
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }

    /// <summary>KeyValue: <c>string key = 1; AnyValue value = 2</c>.</summary>
    public static TelemetryAttribute ReadKeyValue(ProtoReader reader)
    {
        var key = "";
        var value = "";
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1 when reader.WireType == WireType.LengthDelimited:
                    key = reader.ReadString();
                    break;
                case 2 when reader.WireType == WireType.LengthDelimited:
                    value = ReadAnyValue(reader.ReadMessage());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TelemetryAttribute(key, value);
    }

    /// <summary>
    /// AnyValue as text: string 1, bool 2, int64 3, double 4, ArrayValue 5, KeyValueList 6, bytes 7 (base64).
    /// </summary>
    public static string ReadAnyValue(ProtoReader reader)
    {
        var text = "";
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.LengthDelimited):
                    text = reader.ReadString();
                    break;
                case (2, WireType.Varint):
                    text = reader.ReadVarint() != 0 ? "true" : "false";
                    break;
                case (3, WireType.Varint):
                    text = ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                    break;
                case (4, WireType.Fixed64):
                    text = reader.ReadDouble().ToString("R", CultureInfo.InvariantCulture);
                    break;
                case (5, WireType.LengthDelimited):
                    text = ReadArray(reader.ReadMessage());
                    break;
                case (6, WireType.LengthDelimited):
                    text = ReadKeyValueList(reader.ReadMessage());
                    break;
                case (7, WireType.LengthDelimited):
                    text = Convert.ToBase64String(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return text;
    }

    /// <summary>A trace or span id as lower-case hex; null when absent or all zero (invalid per the spec).</summary>
    public static string? ReadId(ref ProtoReader reader)
    {
        var bytes = reader.ReadBytes();
        return bytes.IsEmpty || !bytes.ContainsAnyExcept((byte)0) ? null : Convert.ToHexStringLower(bytes);
    }

    private static string ReadArray(ProtoReader reader)
    {
        var text = new StringBuilder("[");
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                text.Append(text.Length > 1 ? ", " : "").Append(ReadAnyValue(reader.ReadMessage()));
            }
            else
            {
                reader.Skip();
            }
        }

        return text.Append(']').ToString();
    }

    private static string ReadKeyValueList(ProtoReader reader)
    {
        var text = new StringBuilder("{");
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                var pair = ReadKeyValue(reader.ReadMessage());
                text.Append(text.Length > 1 ? ", " : "").Append(pair.Key).Append(": ").Append(pair.Value);
            }
            else
            {
                reader.Skip();
            }
        }

        return text.Append('}').ToString();
    }
}
