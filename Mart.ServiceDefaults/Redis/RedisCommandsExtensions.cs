using System.Text;

namespace Mart.ServiceDefaults.Redis;

/// <summary>Text conveniences over <see cref="IRedisCommands"/>.</summary>
public static class RedisCommandsExtensions
{
    /// <summary>XADD with fields given as text (encoded as UTF-8).</summary>
    public static Task<string> StreamAddAsync(
        this IRedisCommands redis,
        string stream,
        IEnumerable<KeyValuePair<string, string>> fields,
        long? approximateMaxLength = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(fields);
        var encoded = fields
            .Select(static f => KeyValuePair.Create(f.Key, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Value)))
            .ToList();
        return redis.StreamAddAsync(stream, encoded, approximateMaxLength, cancellationToken);
    }
}
