using Google.Protobuf;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>
/// Builds OTLP export requests byte by byte (field numbers from opentelemetry-proto), for what the SDK's exporter
/// will not send: compressed bodies, exact span counts, malformed input.
/// </summary>
internal static class OtlpPayloads
{
    /// <summary>ExportTraceServiceRequest with one ResourceSpans of <paramref name="service"/> holding <paramref name="spans"/>.</summary>
    public static byte[] Traces(string service, params (string TraceId, string SpanId, string Name)[] spans)
    {
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var scopeSpans = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(scope => { scope.WriteTag(1, WireFormat.WireType.LengthDelimited); scope.WriteString("hand-written"); }));
            foreach (var (traceId, spanId, name) in spans)
            {
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(Message(span =>
                {
                    span.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    span.WriteBytes(ByteString.CopyFrom(Convert.FromHexString(traceId)));
                    span.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    span.WriteBytes(ByteString.CopyFrom(Convert.FromHexString(spanId)));
                    span.WriteTag(5, WireFormat.WireType.LengthDelimited);
                    span.WriteString(name);
                    span.WriteTag(6, WireFormat.WireType.Varint);
                    span.WriteEnum(2);
                    span.WriteTag(7, WireFormat.WireType.Fixed64);
                    span.WriteFixed64(start);
                    span.WriteTag(8, WireFormat.WireType.Fixed64);
                    span.WriteFixed64(start + 5_000_000);
                }));
            }
        });

        // The resource is written after the spans on purpose: a receiver must not depend on field order.
        var resourceSpans = Message(o =>
        {
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(scopeSpans);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(resource =>
            {
                resource.WriteTag(1, WireFormat.WireType.LengthDelimited);
                resource.WriteBytes(Message(kv =>
                {
                    kv.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    kv.WriteString("service.name");
                    kv.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    kv.WriteBytes(Message(any => { any.WriteTag(1, WireFormat.WireType.LengthDelimited); any.WriteString(service); }));
                }));
            }));
        });
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(resourceSpans);
        }).ToByteArray();
    }

    public static string NewTraceId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    public static string NewSpanId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
