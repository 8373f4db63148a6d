using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>
/// In Development the framework's exception page catches exceptions before <see cref="UnhandledExceptionHandler"/>
/// does; this filter gives database failures the same answer there (a refusal's 4xx, 503 while the database is
/// unavailable), so behaviour does not depend on the environment.
/// </summary>
internal sealed class DatabaseProblemPageFilter(IProblemDetailsService problemDetails, ILogger<DatabaseProblemPageFilter> logger) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        if (DatabaseFailureAnswer.Prepare(errorContext.HttpContext, errorContext.Exception, logger) is not { } problem)
        {
            await next(errorContext);
            return;
        }

        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = errorContext.HttpContext, ProblemDetails = problem });
    }
}
