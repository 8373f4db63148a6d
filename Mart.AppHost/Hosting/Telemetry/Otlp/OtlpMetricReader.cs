using Mart.Hosting.Telemetry.Protobuf;

namespace Mart.Hosting.Telemetry.Otlp;

/// <summary>
/// Decodes an <c>ExportMetricsServiceRequest</c> (opentelemetry/proto/collector/metrics/v1):
/// request → ResourceMetrics (1) → resource (1), ScopeMetrics (2) → scope (1), Metric (2).
/// Exponential histograms and summaries keep only their count and sum.
/// </summary>
internal static class OtlpMetricReader
{
    private const int CumulativeTemporality = 2;

    public static List<MetricBatch> Read(ReadOnlySpan<byte> request)
    {
        var batches = new List<MetricBatch>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1 && reader.WireType == WireType.LengthDelimited)
            {
                ReadResourceMetrics(reader.ReadMessage(), batches);
            }
            else
            {
                reader.Skip();
            }
        }

        return batches;
    }

    private static void ReadResourceMetrics(ProtoReader reader, List<MetricBatch> batches)
    {
        var source = OtlpCommonReader.FindResource(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                ReadScopeMetrics(reader.ReadMessage(), source, batches);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadScopeMetrics(ProtoReader reader, TelemetrySource source, List<MetricBatch> batches)
    {
        var meter = OtlpCommonReader.FindScopeName(reader);
        while (reader.Next())
        {
            if (reader.FieldNumber == 2 && reader.WireType == WireType.LengthDelimited)
            {
                if (ReadMetric(reader.ReadMessage(), source, meter) is { } batch)
                {
                    batches.Add(batch);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Metric: name 1, description 2, unit 3, and one of gauge 5, sum 7, histogram 9, exponential_histogram 10,
    /// summary 11; each holds data_points 1 and (except gauge and summary) aggregation_temporality 2.
    /// </summary>
    private static MetricBatch? ReadMetric(ProtoReader reader, TelemetrySource source, string meter)
    {
        string name = "", description = "", unit = "";
        MetricKind? kind = null;
        var cumulative = false;
        var points = new List<MetricDataPoint>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (2, WireType.LengthDelimited):
                    description = reader.ReadString();
                    break;
                case (3, WireType.LengthDelimited):
                    unit = reader.ReadString();
                    break;
                case (5, WireType.LengthDelimited):
                    kind = MetricKind.Gauge;
                    ReadData(reader.ReadMessage(), source, ReadNumberPoint, points);
                    break;
                case (7, WireType.LengthDelimited):
                    kind = MetricKind.Sum;
                    cumulative = ReadData(reader.ReadMessage(), source, ReadNumberPoint, points);
                    break;
                case (9, WireType.LengthDelimited):
                    kind = MetricKind.Histogram;
                    cumulative = ReadData(reader.ReadMessage(), source, ReadHistogramPoint, points);
                    break;
                case (10, WireType.LengthDelimited):
                    kind = MetricKind.Histogram;
                    cumulative = ReadData(reader.ReadMessage(), source, ReadExponentialHistogramPoint, points);
                    break;
                case (11, WireType.LengthDelimited):
                    kind = MetricKind.Histogram;
                    cumulative = ReadData(reader.ReadMessage(), source, ReadSummaryPoint, points);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return kind is null || name.Length == 0
            ? null
            : new MetricBatch(new MetricInstrument(source.ServiceName, meter, name, description, unit, kind.Value, cumulative), points);
    }

    private delegate MetricDataPoint PointReader(ProtoReader reader, string instanceId);

    /// <summary>Reads data_points (1) and returns whether aggregation_temporality (2) is cumulative.</summary>
    private static bool ReadData(ProtoReader reader, TelemetrySource source, PointReader readPoint, List<MetricDataPoint> points)
    {
        var cumulative = false;
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (1, WireType.LengthDelimited):
                    points.Add(readPoint(reader.ReadMessage(), source.InstanceId));
                    break;
                case (2, WireType.Varint):
                    cumulative = reader.ReadVarint() == CumulativeTemporality;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return cumulative;
    }

    /// <summary>NumberDataPoint: start 2, time 3, as_double 4, as_int 6 (sfixed64), attributes 7.</summary>
    private static MetricDataPoint ReadNumberPoint(ProtoReader reader, string instanceId)
    {
        ulong start = 0, time = 0;
        double value = 0;
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (2, WireType.Fixed64):
                    start = reader.ReadFixed64();
                    break;
                case (3, WireType.Fixed64):
                    time = reader.ReadFixed64();
                    break;
                case (4, WireType.Fixed64):
                    value = reader.ReadDouble();
                    break;
                case (6, WireType.Fixed64):
                    value = (long)reader.ReadFixed64();
                    break;
                case (7, WireType.LengthDelimited):
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new MetricDataPoint(instanceId, attributes, start, time, value, 0, 0, null, null);
    }

    /// <summary>HistogramDataPoint: start 2, time 3, count 4, sum 5, bucket_counts 6, explicit_bounds 7, attributes 9.</summary>
    private static MetricDataPoint ReadHistogramPoint(ProtoReader reader, string instanceId)
    {
        ulong start = 0, time = 0, count = 0;
        double sum = 0;
        var buckets = new List<ulong>();
        var bounds = new List<double>();
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (2, WireType.Fixed64):
                    start = reader.ReadFixed64();
                    break;
                case (3, WireType.Fixed64):
                    time = reader.ReadFixed64();
                    break;
                case (4, WireType.Fixed64):
                    count = reader.ReadFixed64();
                    break;
                case (5, WireType.Fixed64):
                    sum = reader.ReadDouble();
                    break;
                case (6, WireType.Fixed64 or WireType.LengthDelimited):
                    reader.ReadRepeatedFixed64(buckets);
                    break;
                case (7, WireType.Fixed64 or WireType.LengthDelimited):
                    reader.ReadRepeatedDouble(bounds);
                    break;
                case (9, WireType.LengthDelimited):
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // bucket_counts has one more element than explicit_bounds (the +Inf bucket); anything else is unusable.
        var valid = buckets.Count > 0 && buckets.Count == bounds.Count + 1;
        return new MetricDataPoint(instanceId, attributes, start, time, 0, count, sum, valid ? bounds : null, valid ? buckets : null);
    }

    /// <summary>ExponentialHistogramDataPoint: attributes 1, start 2, time 3, count 4, sum 5.</summary>
    private static MetricDataPoint ReadExponentialHistogramPoint(ProtoReader reader, string instanceId) =>
        ReadCountAndSum(reader, instanceId, attributesField: 1);

    /// <summary>SummaryDataPoint: start 2, time 3, count 4, sum 5, attributes 7.</summary>
    private static MetricDataPoint ReadSummaryPoint(ProtoReader reader, string instanceId) =>
        ReadCountAndSum(reader, instanceId, attributesField: 7);

    private static MetricDataPoint ReadCountAndSum(ProtoReader reader, string instanceId, int attributesField)
    {
        ulong start = 0, time = 0, count = 0;
        double sum = 0;
        var attributes = new List<TelemetryAttribute>();
        while (reader.Next())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (2, WireType.Fixed64):
                    start = reader.ReadFixed64();
                    break;
                case (3, WireType.Fixed64):
                    time = reader.ReadFixed64();
                    break;
                case (4, WireType.Fixed64):
                    count = reader.ReadFixed64();
                    break;
                case (5, WireType.Fixed64):
                    sum = reader.ReadDouble();
                    break;
                case var (field, wire) when field == attributesField && wire == WireType.LengthDelimited:
                    attributes.Add(OtlpCommonReader.ReadKeyValue(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new MetricDataPoint(instanceId, attributes, start, time, 0, count, sum, null, null);
    }
}
