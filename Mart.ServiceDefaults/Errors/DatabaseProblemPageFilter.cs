using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>
/// In Development the framework's exception page catches exceptions before <see cref="UnhandledExceptionHandler"/>
/// does; this filter gives database refusals the same 4xx answer there, so behaviour does not depend on the environment.
/// </summary>
internal sealed class DatabaseProblemPageFilter(IProblemDetailsService problemDetails, ILogger<DatabaseProblemPageFilter> logger) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        if (DatabaseProblems.From(errorContext.Exception) is not { } problem)
        {
            await next(errorContext);
            return;
        }

        var request = errorContext.HttpContext.Request;
        ErrorLog.DatabaseRefused(logger, errorContext.Exception, request.Method, request.Path, problem.Status!.Value);
        errorContext.HttpContext.Response.StatusCode = problem.Status.Value;
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = errorContext.HttpContext, ProblemDetails = problem });
    }
}
