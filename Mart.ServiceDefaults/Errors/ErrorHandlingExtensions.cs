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
    /// <summary>Registers problem details (with <c>traceId</c> and <c>instance</c>), the exception handler and status
    /// code pages at the front of the pipeline.</summary>
    /// <remarks>Endpoints validate input themselves (<see cref="Validation.FieldErrors"/>), not through attribute
    /// validation, so every service reports problems alike.</remarks>
    public static TBuilder AddErrorHandling<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.AddSingleton<IDeveloperPageExceptionFilter, DatabaseProblemPageFilter>();

        // Bad input the framework binds answers 400 everywhere; thrown, Development's exception page would show a stack
        // trace.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // A startup filter puts the handlers outside everything a service adds, routing included.
        builder.Services.AddTransient<IStartupFilter, ErrorHandlingStartupFilter>();
        return builder;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;

        // The id a reader can search the traces for; the framework adds the same key, this makes sure.
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
    }
}
