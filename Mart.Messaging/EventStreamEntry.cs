using System.Text;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>One entry of an event stream: its id and its fields (name to raw value).</summary>
/// <remarks>Fields is empty when Redis reports a pending entry whose data was deleted (trimmed or XDEL).</remarks>
public sealed record EventStreamEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    /// <summary>True when the entry is only an id: its data no longer exists in the stream.</summary>
    public bool IsDeleted => Fields.Count == 0;

    /// <summary>A field decoded as UTF-8, or <see langword="null"/> when absent.</summary>
    public string? GetString(string field) => Fields.TryGetValue(field, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>The entry as StackExchange.Redis returns it from XRANGE, XREADGROUP or XAUTOCLAIM.</summary>
    public static EventStreamEntry From(StreamEntry entry)
    {
        var fields = new Dictionary<string, byte[]>(entry.Values?.Length ?? 0, StringComparer.Ordinal);
        foreach (var field in entry.Values ?? [])
        {
            fields[field.Name.ToString()] = (byte[])field.Value!;
        }

        return new EventStreamEntry(entry.Id.ToString(), fields);
    }
}
