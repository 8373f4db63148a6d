using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using StackExchange.Redis;

namespace MessagingBench;

/// <summary>
/// A private PostgreSQL cluster and redis-server on free loopback ports in a temporary folder, removed on dispose.
/// PostgreSQL refuses to run as root, so as root its programs run as the postgres user through setpriv.
/// </summary>
internal sealed class LocalServers : IAsyncDisposable
{
    private readonly DirectoryInfo folder;
    private readonly List<Process> processes = [];

    private LocalServers(DirectoryInfo folder) => this.folder = folder;

    public string PostgresConnectionString { get; private set; } = string.Empty;

    public string RedisConnectionString { get; private set; } = string.Empty;

    public string Describe { get; private set; } = string.Empty;

    public static async Task<LocalServers> StartAsync(CancellationToken cancellationToken)
    {
        var servers = new LocalServers(Directory.CreateTempSubdirectory("mart-messaging-bench-"));
        try
        {
            await servers.StartPostgresAsync(cancellationToken);
            await servers.StartRedisAsync(cancellationToken);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            if (!process.HasExited)
            {
                // SIGINT: PostgreSQL's fast shutdown; redis-server exits on it too.
                using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await interrupt.WaitForExitAsync();
                }

                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            process.Dispose();
        }

        folder.Delete(recursive: true);
    }

    private async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        var bin = FindPostgresBin();
        var data = Path.Combine(folder.FullName, "pg");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(folder.FullName, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder.FullName], cancellationToken);
        }

        await RunAsync(
            AsPostgres(Path.Combine(bin, "initdb")),
            [.. AsPostgresArgs(Path.Combine(bin, "initdb")), "-D", data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-sync"],
            cancellationToken);

        var port = FreePort();
        Start(AsPostgres(Path.Combine(bin, "postgres")), [.. AsPostgresArgs(Path.Combine(bin, "postgres")), "-D", data, "-p", $"{port}", "-k", folder.FullName, "-c", "listen_addresses=127.0.0.1"]);
        PostgresConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres";

        var version = await WaitAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(PostgresConnectionString);
                await connection.OpenAsync(cancellationToken);
                return connection.PostgreSqlVersion.ToString();
            },
            "PostgreSQL",
            cancellationToken);
        Describe = $"PostgreSQL {version}";
    }

    private async Task StartRedisAsync(CancellationToken cancellationToken)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreePort();
        Start("redis-server", ["--port", $"{port}", "--bind", "127.0.0.1", "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", folder.FullName]);
        RedisConnectionString = $"127.0.0.1:{port},password={password}";

        await WaitAsync(
            async () =>
            {
                await using var client = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
                await client.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return true;
            },
            "redis-server",
            cancellationToken);
        Describe += $", redis-server on 127.0.0.1:{port}";
    }

    private void Start(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");

        // Drain the server's output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> probe, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await probe();
            }
            catch (Exception ex) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && ex is not OperationCanceledException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string AsPostgres(string program) => Environment.IsPrivilegedProcess ? "setpriv" : program;

    private static string[] AsPostgresArgs(string program) =>
        Environment.IsPrivilegedProcess ? ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program] : [];

    private static string FindPostgresBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).OrderDescending(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(path).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, postgres) were not found; install postgresql.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
