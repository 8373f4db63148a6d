using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.ServiceDefaults.Validation;

/// <summary>Validation messages per field (camelCase, as in the JSON), for one 400 problem that names every bad field
/// at once.</summary>
public sealed class FieldErrors
{
    /// <summary>The title of every validation problem Mart answers with.</summary>
    public const string Title = "One or more fields are invalid.";

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    /// <summary>Adds a message; the field name is made printable first, since it may come from the request.</summary>
    public void Add(string field, string message)
    {
        field = TextRule.Printable(field, 100);
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Reports each body field the request type does not know, so a typo is not silently ignored.</summary>
    public void AddUnknown(IReadOnlyDictionary<string, System.Text.Json.JsonElement>? unknownFields)
    {
        foreach (var name in unknownFields?.Keys ?? Enumerable.Empty<string>())
        {
            Add(name, "Unknown field.");
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), title: Title);

    /// <summary>A validation problem with one message.</summary>
    public static ValidationProblem One(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }
}
