using System.Text;

namespace Mart.ServiceDefaults.Redis;

/// <summary>One stream entry: its id and its fields (name to raw value).</summary>
/// <remarks>Fields is empty when Redis reports a pending entry whose data was deleted (trimmed or XDEL).</remarks>
public sealed record StreamEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    /// <summary>True when the entry is only an id: its data no longer exists in the stream.</summary>
    public bool IsDeleted => Fields.Count == 0;

    /// <summary>A field decoded as UTF-8, or <see langword="null"/> when absent.</summary>
    public string? GetString(string field) => Fields.TryGetValue(field, out var value) ? Encoding.UTF8.GetString(value) : null;
}
