using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mart.ServiceDefaults.Errors;

/// <summary>Every 4xx/5xx answered as RFC 9457 problem details; unhandled exceptions logged, never echoed.</summary>
public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Registers problem details (with <c>traceId</c> and <c>instance</c>), the unhandled-exception handler, and the
    /// middleware (exception handler, status code pages) at the front of the pipeline.
    /// </summary>
    /// <remarks>
    /// Input is validated by the endpoints with <see cref="Validation.TextRule"/>, <see cref="Validation.JsonBody"/> and
    /// <see cref="Validation.FieldErrors"/>, not by the framework's attribute validation, so every service reports
    /// problems the same way.
    /// </remarks>
    public static TBuilder AddErrorHandling<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.AddSingleton<IDeveloperPageExceptionFilter, DatabaseProblemPageFilter>();

        // Malformed input the framework binds (a non-UUID route id) answers 400 problem details in every environment;
        // thrown instead, Development's exception page would answer with the stack trace.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // A startup filter puts the handlers outside everything a service adds, routing included.
        builder.Services.AddTransient<IStartupFilter, ErrorHandlingStartupFilter>();
        return builder;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;

        // The id a reader can search the traces for; the framework adds the same key, this makes sure it is there.
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
    }
}
