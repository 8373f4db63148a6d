using System.Globalization;
using System.Text;
using Mart.ServiceDefaults.Redis;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>Moves an entry that cannot be handled to <c>&lt;stream&gt;.dlq</c>, then acknowledges it so the group moves on.</summary>
internal sealed class DeadLetterWriter(IRedisCommands redis, TimeProvider timeProvider)
{
    /// <summary>
    /// Copies the original fields and adds why and where it failed. The XADD comes first: if the XACK is lost,
    /// the entry is delivered again and may be dead-lettered twice, but it is never dropped.
    /// </summary>
    public async Task WriteAsync(string stream, string group, StreamEntry entry, int attempts, string error, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>(entry.Fields.Count + 6);
        fields.AddRange(entry.Fields.Select(field => new KeyValuePair<string, ReadOnlyMemory<byte>>(field.Key, field.Value)));
        fields.Add(Text(EventFields.Error, error));
        fields.Add(Text(EventFields.Attempts, attempts.ToString(CultureInfo.InvariantCulture)));
        fields.Add(Text(EventFields.ConsumerGroup, group));
        fields.Add(Text(EventFields.OriginalStream, stream));
        fields.Add(Text(EventFields.OriginalEntryId, entry.Id));
        fields.Add(Text(EventFields.FailedAt, timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

        await redis.StreamAddAsync(StreamNames.DeadLetters(stream), fields, approximateMaxLength: null, cancellationToken);
        await redis.StreamAcknowledgeAsync(stream, group, entry.Id, cancellationToken);
    }

    private static KeyValuePair<string, ReadOnlyMemory<byte>> Text(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
