using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Assets;

/// <summary>
/// The dashboard's pages and their scripts and styles, embedded in the AppHost assembly (no CDN, no files on disk),
/// at Aspire's dashboard routes.
/// </summary>
internal static class DashboardPages
{
    private const string ResourcePrefix = "Mart.Dashboard.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void MapDashboardPages(this IEndpointRouteBuilder endpoints)
    {
        MapPage(endpoints, "/", "resources.html");
        MapPage(endpoints, "/consolelogs", "consolelogs.html");
        MapPage(endpoints, "/structuredlogs", "structuredlogs.html");
        MapPage(endpoints, "/traces", "traces.html");
        MapPage(endpoints, "/traces/detail/{traceId}", "trace.html");
        MapPage(endpoints, "/metrics", "metrics.html");
        MapPage(endpoints, "/events", "events.html");
        endpoints.MapGet("/_assets/{file}", (string file, HttpContext context) => Serve(context, file));
    }

    private static void MapPage(IEndpointRouteBuilder endpoints, string route, string file) =>
        endpoints.MapGet(route, (HttpContext context) => Serve(context, file));

    private static IResult Serve(HttpContext context, string file)
    {
        var extension = Path.GetExtension(file);
        if (!ContentTypes.TryGetValue(extension, out var contentType)
            || Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file) is not { } content)
        {
            return Results.NotFound();
        }

        // The pages change with the AppHost build; revalidating each time keeps a stale script from being run.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(content, contentType);
    }
}
