namespace Mart.Hosting.Telemetry;

/// <summary>OTLP times are unsigned nanoseconds since the Unix epoch; .NET ticks are 100 ns.</summary>
internal static class UnixNano
{
    public static DateTimeOffset ToDateTimeOffset(ulong unixNano) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(unixNano / 100, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));

    public static TimeSpan ToTimeSpan(ulong nanoseconds) => TimeSpan.FromTicks((long)Math.Min(nanoseconds / 100, (ulong)TimeSpan.MaxValue.Ticks));

    public static ulong FromDateTimeOffset(DateTimeOffset value) => (ulong)Math.Max(0, (value - DateTimeOffset.UnixEpoch).Ticks) * 100;
}
