using System.Text;
using Mart.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Mart.ServiceDefaults.Errors;

/// <summary>What PostgreSQL's refusal of a row says to the client: 409 for a duplicate or missing reference, 400 for a
/// value the column cannot hold, 422 for a broken table rule.</summary>
/// <remarks>Names the field when PostgreSQL names the column; constraint names and messages stay in the log.</remarks>
public static class DatabaseProblems
{
    /// <summary>The <c>Retry-After</c> of <see cref="Unavailable"/>: a restart or a failover takes some seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The 503 for a transient <paramref name="exception"/> (<see cref="DatabaseFailures.IsTransient"/>), else
    /// null; the caller adds <c>Retry-After</c>.</summary>
    public static ProblemDetails? Unavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return DatabaseFailures.IsTransient(exception)
            ? new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "The database could not be reached or could not complete the request now; try again shortly.",
            }
            : null;
    }

    /// <summary>The problem for <paramref name="exception"/> (or one inside it), or null when it is not one of
    /// these.</summary>
    public static ProblemDetails? From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var postgres = Find(exception);
        if (postgres is null)
        {
            return null;
        }

        var field = postgres.ColumnName is { Length: > 0 } column ? CamelCase(column) : "body";
        return postgres.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation => Conflict(
                "The request conflicts with existing data.", "Something with the same unique value exists already."),
            PostgresErrorCodes.ForeignKeyViolation => Conflict(
                "The request refers to data that does not exist.", "A referenced record is missing, or other records still refer to this one."),
            PostgresErrorCodes.CheckViolation => Invalid(StatusCodes.Status422UnprocessableEntity, field, "The value breaks a rule of the stored data."),
            PostgresErrorCodes.NotNullViolation => Invalid(StatusCodes.Status422UnprocessableEntity, field, "A value is required."),
            PostgresErrorCodes.StringDataRightTruncation => Invalid(StatusCodes.Status400BadRequest, field, "The text is too long."),
            PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                Invalid(StatusCodes.Status400BadRequest, field, "The text contains characters that cannot be stored, such as NUL."),
            PostgresErrorCodes.NumericValueOutOfRange => Invalid(StatusCodes.Status400BadRequest, field, "The number is out of range."),
            PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat =>
                Invalid(StatusCodes.Status400BadRequest, field, "The date or time is out of range."),
            PostgresErrorCodes.InvalidTextRepresentation => Invalid(StatusCodes.Status400BadRequest, field, "The value is malformed."),
            _ => null,
        };
    }

    private static PostgresException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }

    private static ProblemDetails Conflict(string title, string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Invalid(int status, string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = Validation.FieldErrors.Title,
        };

    // customer_id -> customerId, as the field is named in the JSON.
    private static string CamelCase(string column)
    {
        var name = new StringBuilder(column.Length);
        var upper = false;
        foreach (var c in column)
        {
            if (c == '_')
            {
                upper = name.Length > 0;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return name.ToString();
    }
}
