using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
    /// Minimal API validation answers through the same problem details service, but a service must call
    /// <c>builder.Services.AddValidation()</c> itself: the validation source generator only covers the endpoints
    /// of the assembly that makes that call.
    /// </remarks>
    public static TBuilder AddErrorHandling<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();

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
