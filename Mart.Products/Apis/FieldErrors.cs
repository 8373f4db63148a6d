using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary>Collects validation messages per field (camelCase names, as in the JSON) for one validation problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Reports each unexpected body field.</summary>
    public void AddUnknown(IReadOnlyDictionary<string, System.Text.Json.JsonElement>? unknownFields)
    {
        foreach (var name in unknownFields?.Keys ?? Enumerable.Empty<string>())
        {
            Add(name, "Unknown field.");
        }
    }

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal),
        title: "One or more fields are invalid.");
}
