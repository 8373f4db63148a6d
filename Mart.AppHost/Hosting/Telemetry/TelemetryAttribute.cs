namespace Mart.Hosting.Telemetry;

/// <summary>One attribute of a span, log record, resource or data point, its value rendered as text.</summary>
internal sealed record TelemetryAttribute(string Key, string Value);
