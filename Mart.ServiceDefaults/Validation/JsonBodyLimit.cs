using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mart.ServiceDefaults.Validation;

/// <summary>An endpoint's own limit on its JSON body, for the few whose valid bodies can exceed the default.</summary>
public sealed record JsonBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class JsonBodyLimitExtensions
{
    /// <summary>Bodies over <paramref name="maxBytes"/> are answered 413 before they are read.</summary>
    public static TBuilder WithJsonBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new JsonBodyLimit(maxBytes));
}
