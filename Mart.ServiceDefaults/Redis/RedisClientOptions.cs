namespace Mart.ServiceDefaults.Redis;

/// <summary>Where and how the client connects. Usually built from a connection string by <see cref="RedisConnectionString.Parse"/>.</summary>
public sealed class RedisClientOptions
{
    /// <summary>Server host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Server port.</summary>
    public int Port { get; set; } = 6379;

    /// <summary>ACL user name (AUTH user password); <see langword="null"/> = the default user.</summary>
    public string? User { get; set; }

    /// <summary>Password sent with AUTH; <see langword="null"/> = no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Connect over TLS.</summary>
    public bool Ssl { get; set; }

    /// <summary>Server name checked against the TLS certificate; defaults to <see cref="Host"/>.</summary>
    public string? SslHost { get; set; }

    /// <summary>Database selected on connect (SELECT); 0 = the default.</summary>
    public int Database { get; set; }

    /// <summary>Name given to connections with CLIENT SETNAME; <see langword="null"/> = none.</summary>
    public string? ClientName { get; set; }

    /// <summary>Time allowed to open a connection and authenticate.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for a reply to an ordinary command.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before reconnecting after a failure; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connection string keys this client does not know; they are ignored and reported in the log when the client
    /// starts, so a setting that has no effect is visible.
    /// </summary>
    public IList<string> IgnoredKeys { get; } = [];
}
