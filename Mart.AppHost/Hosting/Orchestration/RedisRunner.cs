using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Mart.Hosting.Orchestration;

/// <summary>Runs <c>redis-server</c> on 127.0.0.1 with a password, keeping its append-only file in the state folder.</summary>
internal sealed class RedisRunner(RedisResource redis, RunContext context) : ProcessResourceRunner(redis, context, 1)
{
    public static string MissingBinaryMessage =>
        "redis-server was not found on PATH. Install it: Debian/Ubuntu 'sudo apt-get install redis-server', " +
        "macOS 'brew install redis', Windows: use WSL or Memurai. Or use an existing server by setting " +
        "ConnectionStrings__redis (e.g. 'localhost:6379,password=...').";

    public override Task<ProcessSpec> PrepareAsync(int replica, CancellationToken cancellationToken)
    {
        var binary = ExecutableLocator.FindOnPath("redis-server") ?? throw new DistributedApplicationException(MissingBinaryMessage);
        var folder = Context.State.For(redis.Name);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);

        // The password lives in a private config file rather than on the command line, where any user could read it.
        var config = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"port {redis.PrimaryEndpoint.Port}")
            .AppendLine("protected-mode yes")
            .AppendLine("daemonize no")
            .AppendLine(CultureInfo.InvariantCulture, $"requirepass {redis.Password}")
            .AppendLine(CultureInfo.InvariantCulture, $"dir {data}")
            .AppendLine("save \"\"")
            .AppendLine(Context.EphemeralState ? "appendonly no" : "appendonly yes")
            .AppendLine("appendfsync everysec")
            .ToString();
        var configFile = Path.Combine(folder, "redis.conf");
        StateFolder.WritePrivateFile(configFile, config);
        return Task.FromResult(new ProcessSpec(binary, [configFile], folder, new Dictionary<string, string?>()));
    }

    public override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) =>
        ProbeAsync(ct => PingAsync(redis.ConnectionString, ct), cancellationToken);

    /// <summary>AUTH then PING over a fresh connection; the server must answer +OK then +PONG.</summary>
    internal static async Task PingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var endpoint = parts[0];
        var separator = endpoint.LastIndexOf(':');
        var host = separator > 0 ? endpoint[..separator] : endpoint;
        var port = separator > 0 ? int.Parse(endpoint[(separator + 1)..], CultureInfo.InvariantCulture) : 6379;
        var password = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv[0].Equals("password", StringComparison.OrdinalIgnoreCase))?[1];

        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var expected = "+PONG\r\n";
        if (password is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n");
            expected = "+OK\r\n" + expected;
        }

        request.Append("*1\r\n$4\r\nPING\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);

        var buffer = new byte[expected.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
            if (buffer[0] == (byte)'-')
            {
                break;
            }
        }

        var reply = Encoding.UTF8.GetString(buffer, 0, read);
        if (reply != expected)
        {
            throw new InvalidOperationException($"Redis answered '{reply.Trim()}' instead of '{expected.Trim()}'.");
        }
    }
}
