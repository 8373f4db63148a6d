namespace Mart.ServiceDefaults.Validation;

/// <summary>A token header (<c>Idempotency-Key</c>): 1 to <see cref="MaxLength"/> visible ASCII characters, untrimmed,
/// so the client's key is the stored key.</summary>
public sealed record HeaderRule(string Name, int MaxLength)
{
    /// <summary>The header's value, <see langword="null"/> when it was not sent or (with an error for it) is malformed.</summary>
    public string? Check(Microsoft.AspNetCore.Http.HttpRequest request, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!request.Headers.TryGetValue(Name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            errors.Add(Name, "Send the header once.");
            return null;
        }

        var value = values[0] ?? string.Empty;
        if (Problem(value) is { } problem)
        {
            errors.Add(Name, problem);
            return null;
        }

        return value;
    }

    /// <summary>What is wrong with a value of the header, or <see langword="null"/> when it passes.</summary>
    public string? Problem(string value) =>
        value is null || value.Length is 0 || value.Length > MaxLength || !value.All(c => c is > ' ' and <= '~')
            ? $"The header must be 1 to {MaxLength} visible ASCII characters (no spaces)."
            : null;
}
