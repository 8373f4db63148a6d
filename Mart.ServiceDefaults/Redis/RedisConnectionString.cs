using System.Globalization;

namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// Parses the StackExchange.Redis-style connection strings Aspire hands to services:
/// <c>host:port,password=...,user=...,ssl=false,connectTimeout=5000,abortConnect=false</c>.
/// </summary>
public static class RedisConnectionString
{
    // Options of the StackExchange.Redis format that change nothing for this client (it always connects
    // lazily and retries, i.e. abortConnect=false) or that only tune that library. They are accepted so the
    // same connection string works for both clients without noise.
    private static readonly HashSet<string> HarmlessKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortConnect", "allowAdmin", "channelPrefix", "checkCertificateRevocation", "configCheckSeconds",
        "configChannel", "connectRetry", "highPrioritySocketThreads", "keepAlive", "proxy", "resolveDns",
        "responseTimeout", "serviceName", "setlib", "sslProtocols", "tiebreaker", "version", "protocol",
    };

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="FormatException">The string has no endpoint, a bad port or a bad value for a known key.</exception>
    public static RedisClientOptions Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = new RedisClientOptions();
        var endpointSeen = false;
        foreach (var rawPart in connectionString.Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (endpointSeen)
                {
                    throw new FormatException($"Redis connection string lists more than one endpoint ('{part}'); only one server is supported.");
                }

                ParseEndpoint(part, options);
                endpointSeen = true;
                continue;
            }

            ApplyOption(part[..equals].Trim(), part[(equals + 1)..].Trim(), options);
        }

        return endpointSeen ? options : throw new FormatException("Redis connection string has no host:port endpoint.");
    }

    private static void ParseEndpoint(string endpoint, RedisClientOptions options)
    {
        // "[::1]:6379", "host:6379" or "host" (default port).
        string host;
        string? port = null;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Redis endpoint '{endpoint}' has an unterminated IPv6 address.");
            }

            host = endpoint[1..close];
            var rest = endpoint[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw new FormatException($"Redis endpoint '{endpoint}' is malformed.");
            }
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint[..colon];
            port = colon < 0 ? null : endpoint[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"Redis endpoint '{endpoint}' has no host.");
        }

        options.Host = host;
        if (port is not null)
        {
            options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw new FormatException($"Redis endpoint '{endpoint}' has an invalid port.");
        }
    }

    private static void ApplyOption(string key, string value, RedisClientOptions options)
    {
        switch (key.ToLowerInvariant())
        {
            case "password":
                options.Password = value.Length == 0 ? null : value;
                break;
            case "user":
                options.User = value.Length == 0 ? null : value;
                break;
            case "ssl":
                options.Ssl = ParseBool(key, value);
                break;
            case "sslhost":
                options.SslHost = value.Length == 0 ? null : value;
                break;
            case "connecttimeout":
                options.ConnectTimeout = ParseMilliseconds(key, value);
                break;
            case "synctimeout":
            case "asynctimeout":
                options.CommandTimeout = ParseMilliseconds(key, value);
                break;
            case "defaultdatabase":
                options.Database = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var db)
                    ? db
                    : throw new FormatException($"Redis connection string option '{key}' must be a database number, not '{value}'.");
                break;
            case "name":
                options.ClientName = value.Length == 0 ? null : value;
                break;
            default:
                // Unknown keys are kept (never their values: they may be secrets) so the client can warn about
                // them, instead of failing a service whose connection string was written for another client.
                if (!HarmlessKeys.Contains(key))
                {
                    options.IgnoredKeys.Add(key);
                }

                break;
        }
    }

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var result)
            ? result
            : throw new FormatException($"Redis connection string option '{key}' must be true or false, not '{value}'.");

    private static TimeSpan ParseMilliseconds(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"Redis connection string option '{key}' must be a positive number of milliseconds, not '{value}'.");
}
