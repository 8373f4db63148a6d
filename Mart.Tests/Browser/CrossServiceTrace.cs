using System.Diagnostics;
using Mart.Hosting;
using Mart.Hosting.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mart.Tests.Browser;

/// <summary>
/// One trace that crosses Orders, Products and Payments. The test process plays a storefront: its root span and one
/// client span per call are exported to the dashboard like a service's, and the W3C traceparent of that client span,
/// sent with the request, makes each service's server span its child. The header is set by hand because HttpClient
/// would otherwise propagate its own (unexported) request activity; and only the test's own source is listened to,
/// since the AppHost's health probes run in this process too and must not show up as storefront traffic.
/// </summary>
internal static class CrossServiceTrace
{
    public const string Storefront = "storefront";

    public static readonly string[] Services = ["orders", "products", "payments"];

    /// <summary>Makes the requests and returns the trace id; the services export their spans within a second or two.</summary>
    public static async Task<string> CreateAsync(DistributedApplication app)
    {
        using var source = new ActivitySource("Mart.Tests.Storefront");
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .ConfigureResource(r => r.AddService(Storefront, serviceInstanceId: "storefront-test"))
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(app.DashboardUri, "/v1/traces");
            })
            .Build();

        string traceId;
        using (var visit = source.StartActivity("storefront visit", ActivityKind.Internal)!)
        {
            traceId = visit.TraceId.ToHexString();
            foreach (var service in Services)
            {
                using var call = source.StartActivity($"GET {service} /openapi/v1.json", ActivityKind.Client)!;
                call.SetTag("server.address", service);
                using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
                {
                    BaseAddress = app.GetEndpoint(service),
                };
                using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
                request.Headers.Add("traceparent", call.Id);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                call.SetTag("http.response.status_code", (int)response.StatusCode);
            }
        }

        provider.ForceFlush(10_000);
        return traceId;
    }
}
