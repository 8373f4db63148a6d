using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Mart.Hosting.Publishing;

/// <summary>
/// Publish mode (<c>--publisher manifest --output-path X</c>): writes the model as an Aspire manifest
/// (schema aspire-8.0), which azd turns into Azure Container Apps. Servers become the containers Aspire uses for
/// them; generated passwords become secret parameters that azd fills in.
/// </summary>
internal static class ManifestPublisher
{
    public static void Publish(DistributedApplicationBuilder builder)
    {
        var publisher = builder.Configuration["publisher"];
        if (publisher != "manifest")
        {
            throw new DistributedApplicationException($"Unknown publisher '{publisher}': the only one is 'manifest'.");
        }

        var outputPath = builder.Configuration["output-path"] ?? throw new DistributedApplicationException("Publishing needs --output-path.");
        var file = outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? outputPath : Path.Combine(outputPath, "aspire-manifest.json");
        var manifestFolder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(manifestFolder);

        var resources = new JsonObject();
        foreach (var resource in builder.Resources)
        {
            foreach (var (name, entry) in ManifestEntries.For(resource, manifestFolder))
            {
                resources[name] = entry;
            }
        }

        var manifest = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/aspire-8.0.json",
            ["resources"] = resources,
        };
        File.WriteAllText(file, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Wrote {file}");
    }
}
