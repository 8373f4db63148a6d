using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Mart.ServiceDefaults.Validation;

/// <summary>An endpoint parameter holding the JSON body; when it cannot be read, the 400, 413 or 415 problem answers
/// and the handler is not called.</summary>
/// <remarks>The limit is the endpoint's <see cref="JsonBodyLimit"/>, else
/// <see cref="JsonBody.DefaultMaxBytes"/>.</remarks>
public sealed class JsonBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private readonly T? value;

    private JsonBody(JsonBody.Result<T> result) => (value, Problem) = (result.Value, result.Problem);

    /// <summary>The body; only the handler reads it, and the handler runs only when there is one.</summary>
    public T Value => value ?? throw new InvalidOperationException("The body was refused; the handler should not have run.");

    private IResult? Problem { get; }

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? JsonBody.DefaultMaxBytes;
        return new(await JsonBody.ReadAsync<T>(context.Request, limit, context.RequestAborted));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), ["application/problem+json"]));

        var position = parameter.Position;
        builder.FilterFactories.Add((_, next) => invocation =>
            invocation.GetArgument<JsonBody<T>>(position).Problem is { } problem
                ? ValueTask.FromResult<object?>(problem)
                : next(invocation));
    }
}
