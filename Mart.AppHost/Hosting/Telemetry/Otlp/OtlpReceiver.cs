using System.IO.Compression;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Telemetry.Otlp;

/// <summary>
/// OTLP/HTTP with binary protobuf (<c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>), the protocol the
/// AppHost gives every service in <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>. Bodies may be gzip-compressed.
/// </summary>
internal static class OtlpReceiver
{
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>A decompressed request larger than this is refused, so a small gzip body cannot exhaust memory.</summary>
    private const int MaxDecodedBytes = 64 * 1024 * 1024;

    /// <summary>google.rpc.Code INVALID_ARGUMENT, carried in the Status body of a 400 answer.</summary>
    private const int InvalidArgument = 3;

    public static void MapOtlpReceiver(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", (HttpRequest request, TelemetryStore store) =>
            ReceiveAsync(request, body => store.Spans.Add(OtlpTraceReader.Read(body))));
        endpoints.MapPost("/v1/logs", (HttpRequest request, TelemetryStore store) =>
            ReceiveAsync(request, body => store.Logs.Add(OtlpLogReader.Read(body))));
        endpoints.MapPost("/v1/metrics", (HttpRequest request, TelemetryStore store) =>
            ReceiveAsync(request, body => store.Metrics.Add(OtlpMetricReader.Read(body))));
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, Action<byte[]> store)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            var body = await ReadBodyAsync(request, gzip: encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)).ConfigureAwait(false);
            store(body);
        }
        catch (InvalidDataException ex)
        {
            return new ProtobufResult(StatusCodes.Status400BadRequest, EncodeStatus(InvalidArgument, ex.Message));
        }

        // An empty Export*ServiceResponse: every item was accepted (no partial_success).
        return new ProtobufResult(StatusCodes.Status200OK, []);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, bool gzip)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        using var buffer = new MemoryStream();
        if (gzip)
        {
            await using var decompressed = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await CopyBoundedAsync(decompressed, buffer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyBoundedAsync(request.Body, buffer, cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    private static async Task CopyBoundedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > MaxDecodedBytes)
            {
                throw new InvalidDataException($"The export request is larger than {MaxDecodedBytes / (1024 * 1024)} MiB.");
            }

            target.Write(chunk, 0, read);
        }
    }

    /// <summary>google.rpc.Status: <c>int32 code = 1; string message = 2</c>, as OTLP/HTTP asks for failed requests.</summary>
    private static byte[] EncodeStatus(int code, string message)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(message);
        using var status = new MemoryStream();
        status.WriteByte(1 << 3);
        status.WriteByte((byte)code);
        status.WriteByte((2 << 3) | 2);
        for (var length = (uint)text.Length; ; length >>= 7)
        {
            if (length < 0x80)
            {
                status.WriteByte((byte)length);
                break;
            }

            status.WriteByte((byte)((length & 0x7F) | 0x80));
        }

        status.Write(text);
        return status.ToArray();
    }

    /// <summary>A protobuf body with a status code (OTLP answers failures with a google.rpc.Status body).</summary>
    private sealed class ProtobufResult(int statusCode, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = ProtobufContentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
