namespace Mart.ServiceDefaults.Redis;

/// <summary>Creates dedicated connections for commands that block their connection.</summary>
public interface IRedisConnectionFactory
{
    /// <summary>
    /// Opens a new connection (AUTH included) for blocking stream reads. The caller owns and disposes it.
    /// Throws <see cref="RedisConnectionException"/> when the server cannot be reached.
    /// </summary>
    /// <param name="clientName">Optional name shown by CLIENT LIST (CLIENT SETNAME).</param>
    ValueTask<IRedisStreamReader> CreateBlockingReaderAsync(string? clientName = null, CancellationToken cancellationToken = default);
}
