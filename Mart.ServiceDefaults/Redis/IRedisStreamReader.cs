namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// Blocking stream reads (XREADGROUP ... BLOCK) on a connection of its own, so a blocked read never delays
/// the shared connection's ordinary commands. Obtain one from
/// <see cref="IRedisConnectionFactory.CreateBlockingReaderAsync"/>; one reader serves one caller at a time.
/// </summary>
/// <remarks>
/// If the connection drops, the call in flight throws <see cref="RedisConnectionException"/> and the next call
/// reconnects. Cancelling a blocked read closes the connection (Redis has no way to abandon a blocked command
/// on the same connection); entries Redis may have delivered in that instant stay pending for this consumer
/// and are returned by a later read from id "0".
/// </remarks>
public interface IRedisStreamReader : IAsyncDisposable
{
    /// <summary>
    /// XREADGROUP GROUP group consumer COUNT count BLOCK block STREAMS stream id.
    /// Use <paramref name="id"/> "&gt;" for new entries, "0" to re-read this consumer's pending entries.
    /// Returns an empty list when the block time passed without entries. Pending entries whose data was deleted
    /// come back with <see cref="StreamEntry.IsDeleted"/> set.
    /// </summary>
    /// <param name="block">How long the server may wait for entries; <see langword="null"/> = do not block.</param>
    Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(
        string stream,
        string group,
        string consumer,
        string id,
        int count,
        TimeSpan? block,
        CancellationToken cancellationToken = default);
}
