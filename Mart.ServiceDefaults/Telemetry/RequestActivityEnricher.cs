using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// Completes the request span with what ASP.NET Core 10 only knows at the end and does not record itself:
/// route, status code and error type, and names it "GET /products/{id}" as the semantic conventions ask. This is
/// what OpenTelemetry.Instrumentation.AspNetCore would add; it is outermost so it sees the final status code.
/// </summary>
internal sealed class RequestActivityEnricher : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(EnrichAsync);
        next(app);
    };

    private static async Task EnrichAsync(HttpContext context, RequestDelegate next)
    {
        Exception? escaped = null;
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            escaped = ex;
            throw;
        }
        finally
        {
            if (context.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
            {
                Enrich(context, activity, escaped);
            }
        }
    }

    private static void Enrich(HttpContext context, Activity activity, Exception? escaped)
    {
        var status = escaped is not null && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);

        // After the exception handler re-executes, the original endpoint is only known to its feature.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var method = context.Request.Method;
        if (route is not null)
        {
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{method} {route}";
        }
        else
        {
            activity.DisplayName = method;
        }

        if (escaped is not null)
        {
            activity.SetTag("error.type", escaped.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
