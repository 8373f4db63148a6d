using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>Moves an entry that cannot be handled to <c>&lt;stream&gt;.dlq</c>, then acknowledges it so the group moves
/// on.</summary>
internal sealed class DeadLetterWriter(IConnectionMultiplexer connection, TimeProvider timeProvider)
{
    /// <summary>Copies the entry with why and where it failed; XADD before XACK, so a lost XACK may repeat a dead
    /// letter but never drops one.</summary>
    public async Task WriteAsync(string stream, string group, EventStreamEntry entry, int attempts, string error, CancellationToken cancellationToken)
    {
        var fields = new List<NameValueEntry>(entry.Fields.Count + 6);
        fields.AddRange(entry.Fields.Select(field => new NameValueEntry(field.Key, field.Value)));
        fields.Add(new(EventFields.Error, error));
        fields.Add(new(EventFields.Attempts, attempts));
        fields.Add(new(EventFields.ConsumerGroup, group));
        fields.Add(new(EventFields.OriginalStream, stream));
        fields.Add(new(EventFields.OriginalEntryId, entry.Id));
        fields.Add(new(EventFields.FailedAt, timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));

        var redis = connection.GetDatabase();
        await redis.StreamAddAsync(StreamNames.DeadLetters(stream), [.. fields]).WaitAsync(cancellationToken);
        await redis.StreamAcknowledgeAsync(stream, group, entry.Id).WaitAsync(cancellationToken);
    }
}
