using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.AppHost.Servers;

/// <summary>Healthy when the server answers AUTH with +OK and PING with +PONG over a fresh connection.</summary>
internal sealed class RedisProbe(LocalRedisResource redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var host = await redis.Host.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "localhost";
            var port = int.Parse(await redis.Port.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "", CultureInfo.InvariantCulture);
            var password = await redis.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            var request = $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token).ConfigureAwait(false);

            const string Expected = "+OK\r\n+PONG\r\n";
            var buffer = new byte[Expected.Length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token).ConfigureAwait(false);
                if (n == 0 || buffer[0] == (byte)'-')
                {
                    read += n;
                    break;
                }

                read += n;
            }

            var reply = Encoding.UTF8.GetString(buffer, 0, read);
            return reply == Expected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Redis answered '{reply.Trim()}'.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or FormatException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
