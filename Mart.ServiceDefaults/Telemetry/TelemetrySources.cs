namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// What the providers listen to. No instrumentation packages are available, so these are the sources the
/// framework and Npgsql emit natively, plus Mart's own ("Mart.*" keeps future Mart sources covered).
/// </summary>
internal static class TelemetrySources
{
    public const string AspNetCoreActivitySource = "Microsoft.AspNetCore";

    public static readonly string[] ActivitySources =
    [
        AspNetCoreActivitySource,
        "System.Net.Http",
        "Npgsql",
        MartTelemetry.MessagingActivitySourceName,
        "Mart.*",
    ];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        MartTelemetry.MessagingMeterName,
        "Mart.*",
    ];
}
