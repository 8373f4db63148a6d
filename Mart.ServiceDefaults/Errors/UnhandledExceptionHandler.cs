using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>Logs an exception that escaped an endpoint and answers with problem details that say nothing of it, as
/// messages can leak internals.</summary>
/// <remarks>Malformed requests keep their 4xx and message; database failures get <see cref="DatabaseProblems"/>'
/// answers.</remarks>
internal sealed class UnhandledExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        ProblemDetails problem;
        if (exception is BadHttpRequestException badRequest)
        {
            ErrorLog.BadRequest(logger, request.Method, request.Path, badRequest.Message);
            problem = new ProblemDetails { Status = badRequest.StatusCode, Detail = badRequest.Message };
        }
        else if (DatabaseFailureAnswer.Prepare(httpContext, exception, logger) is { } database)
        {
            problem = database;
        }
        else
        {
            ErrorLog.Unhandled(logger, exception, request.Method, request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error was logged; quote the traceId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
