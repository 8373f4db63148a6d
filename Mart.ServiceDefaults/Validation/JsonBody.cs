using System.Text.Json;
using System.Text.Json.Serialization;
using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mart.ServiceDefaults.Validation;

/// <summary>Reads JSON bodies itself, so that a bad value is a validation problem naming the field, an oversized body
/// 413 and a non-JSON one 415, not a bare 400.</summary>
public static class JsonBody
{
    /// <summary>Bodies are small; 64 KiB is far above the largest valid request of any endpoint.</summary>
    public const long DefaultMaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Numbers must be JSON numbers: "12.5" in quotes is a type error, not a price.
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    /// <summary>The value read, or the problem to answer with.</summary>
    public readonly record struct Result<T>(T? Value, IResult? Problem)
        where T : class;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return new(null, Problems.BodyTooLarge(maxBytes));
        }

        if (!request.HasJsonContentType())
        {
            return new(null, Problems.NotJson());
        }

        // Also bounds bodies without a Content-Length (chunked): reading past the limit throws.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        var errors = new FieldErrors();
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            if (value is not null)
            {
                return new(value, null);
            }

            errors.Add("body", "A JSON object is required.");
        }
        catch (JsonException ex)
        {
            errors.Add(FieldName(ex.Path), ex.Path is null or "$"
                ? "The body is not a valid JSON object."
                : "The value is malformed, out of range or of the wrong type.");
        }
        catch (InvalidOperationException)
        {
            // What the reader throws for text it cannot make a string of, such as an escaped lone surrogate.
            errors.Add("body", "The body is not valid JSON text.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, Problems.BodyTooLarge(maxBytes));
        }

        return new(null, errors.ToProblem());
    }

    // "$.price" -> "price", "$.ids[2]" -> "ids[2]", "$" -> "body".
    private static string FieldName(string? path) =>
        path is null || path.Length <= 2 || !path.StartsWith("$.", StringComparison.Ordinal) ? "body" : path[2..];
}
