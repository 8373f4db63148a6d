using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>The one answer to a database exception, from <see cref="UnhandledExceptionHandler"/> or, in Development,
/// <see cref="DatabaseProblemPageFilter"/>; null when neither a refused row nor an outage.</summary>
internal static class DatabaseFailureAnswer
{
    public static ProblemDetails? Prepare(HttpContext httpContext, Exception exception, ILogger logger)
    {
        var request = httpContext.Request;
        if (DatabaseProblems.From(exception) is { } refused)
        {
            ErrorLog.DatabaseRefused(logger, exception, request.Method, request.Path, refused.Status!.Value);
            httpContext.Response.StatusCode = refused.Status.Value;
            return refused;
        }

        if (DatabaseProblems.Unavailable(exception) is { } unavailable)
        {
            // No stack trace: during an outage every request ends here, and the reason says all there is.
            ErrorLog.DatabaseUnavailable(logger, request.Method, request.Path, exception.GetBaseException().Message);
            httpContext.Response.StatusCode = unavailable.Status!.Value;
            httpContext.Response.Headers.RetryAfter = DatabaseProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return unavailable;
        }

        return null;
    }
}
