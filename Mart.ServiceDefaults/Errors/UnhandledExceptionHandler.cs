using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>
/// Logs an exception that escaped an endpoint and answers with problem details that say nothing about it:
/// messages and stack traces can leak internals. Malformed requests (<see cref="BadHttpRequestException"/>)
/// keep their 4xx status and message, which describe the request, not the server.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        ProblemDetails problem;
        if (exception is BadHttpRequestException badRequest)
        {
            LogBadRequest(logger, request.Method, request.Path, badRequest.Message);
            problem = new ProblemDetails { Status = badRequest.StatusCode, Detail = badRequest.Message };
        }
        else
        {
            LogUnhandled(logger, exception, request.Method, request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error was logged; quote the traceId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected malformed request {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, string reason);
}
