using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Mart.ServiceDefaults.OpenApi;

/// <summary>
/// Finishes the generated document for client generators and linters: every tag gets its description, and server
/// URLs lose their trailing slash (the generator writes the request's base address, and paths start with '/').
/// </summary>
internal static class OpenApiDocumentCleanup
{
    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var descriptions = context.ApplicationServices.GetRequiredService<IOptions<OpenApiTagOptions>>().Value.Descriptions;
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in descriptions)
        {
            if (document.Tags.FirstOrDefault(tag => tag.Name == name) is { } existing)
            {
                existing.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        return Task.CompletedTask;
    }
}
