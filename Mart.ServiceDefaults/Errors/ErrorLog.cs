using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Errors;

/// <summary>Log messages of the error handling.</summary>
internal static partial class ErrorLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected malformed request {Method} {Path}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string method, PathString path, string reason);

    // Warning: validation should have refused the input first; each of these is a rule the validation lacks.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused {Method} {Path}; answered {Status}")]
    public static partial void DatabaseRefused(ILogger logger, Exception exception, string method, PathString path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable for {Method} {Path}; answered 503: {Reason}")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, PathString path, string reason);
}
