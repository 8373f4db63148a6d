using System.Text;
using System.Text.Json;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>A JWT's header and payload, read without checking the signature (tests look at what a token says).</summary>
public sealed class JwtClaims(JsonElement header, JsonElement payload)
{
    public JsonElement Header { get; } = header;

    public JsonElement Payload { get; } = payload;

    public static JwtClaims Read(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new(Decode(parts[0]), Decode(parts[1]));
    }

    public string? String(string name) => Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A claim that may be one value or an array of them (<c>aud</c>, <c>role</c>).</summary>
    public IReadOnlyList<string> Strings(string name) => !Payload.TryGetProperty(name, out var value)
        ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(item => item.GetString()!)] : [value.GetString()!];

    /// <summary>The space-separated <c>scope</c> claim as a list.</summary>
    public IReadOnlyList<string> Scopes => String("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static JsonElement Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))).RootElement.Clone();
    }
}
