using Npgsql;

namespace Mart.Hosting.Orchestration;

/// <summary>
/// Runs PostgreSQL from the machine's binaries: <c>initdb</c> on first start, then <c>postgres</c> in the
/// foreground, TCP on 127.0.0.1 only. As root it runs as the <c>postgres</c> OS user, which PostgreSQL requires.
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server, RunContext context) : ProcessResourceRunner(server, context, 1)
{
    private const string ServiceUser = "postgres";

    public override int StopSignal => NativeMethods.SIGINT; // "fast" shutdown: roll back sessions, checkpoint, exit.

    public override TimeSpan StopTimeout => TimeSpan.FromSeconds(30);

    public static string MissingBinariesMessage =>
        "PostgreSQL server binaries (initdb, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
        "Install them: Debian/Ubuntu 'sudo apt-get install postgresql', macOS 'brew install postgresql@16', " +
        "Windows 'winget install PostgreSQL.PostgreSQL'. Or use an existing server by setting " +
        "ConnectionStrings__postgres (e.g. 'Host=localhost;Port=5432;Username=postgres;Password=...').";

    public override async Task<ProcessSpec> PrepareAsync(int replica, CancellationToken cancellationToken)
    {
        var bin = ExecutableLocator.FindPostgresBinDirectory() ?? throw new DistributedApplicationException(MissingBinariesMessage);
        var runAs = NativeMethods.IsRoot ? ServiceUser : null;
        var folder = Context.State.For(server.Name);
        var data = Path.Combine(folder, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(bin, folder, data, runAs, cancellationToken).ConfigureAwait(false);
        }

        List<string> arguments =
        [
            "-D", data,
            "-p", server.PrimaryEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        ];
        if (Context.EphemeralState)
        {
            // Thrown away after the run, so crash safety buys nothing; skipping it makes tests much faster.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return new ProcessSpec(Path.Combine(bin, "postgres"), arguments, folder, new Dictionary<string, string?>(), runAs, NativeMethods.SIGINT);
    }

    public override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) =>
        ProbeAsync(ct => ProbeServerAsync(server.ConnectionString, ct), cancellationToken);

    internal static async Task ProbeServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(probe.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InitializeAsync(string bin, string folder, string data, string? runAs, CancellationToken cancellationToken)
    {
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            throw new DistributedApplicationException(
                $"'{data}' holds files but no PostgreSQL cluster. Remove the folder to start with an empty database.");
        }

        Directory.CreateDirectory(data);
        if (runAs is not null)
        {
            AllowTraversal(Context.State.Path);
            AllowTraversal(folder);
        }

        var passwordFile = Path.Combine(folder, ".initdb-password");
        StateFolder.WritePrivateFile(passwordFile, server.Password!);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", [$"{runAs}:{runAs}", data, passwordFile], null, cancellationToken).ConfigureAwait(false);
            }

            List<string> arguments = ["-D", data, "-U", server.UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"];
            if (Context.EphemeralState)
            {
                arguments.Add("--no-sync");
            }

            Context.Console.Write($"{server.Name}: creating a new database cluster in {data}");
            await RunAsync(Path.Combine(bin, "initdb"), arguments, runAs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// The server's OS user must be able to pass through the state folder to reach its data (a private temporary
    /// folder is 0700). Traversal only: nobody else can list or read what is inside.
    /// </summary>
    private static void AllowTraversal(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? runAs, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec(fileName, arguments, Context.State.Path, new Dictionary<string, string?>(), runAs);
        var (exitCode, output) = await ProcessSpawner.RunToCompletionAsync(spec, cancellationToken).ConfigureAwait(false);
        foreach (var line in output)
        {
            Context.ConsoleLogs.Append(server.Name, line, false);
        }

        if (exitCode != 0)
        {
            throw new DistributedApplicationException(
                $"'{spec.DisplayCommand}' failed with exit code {exitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(20))}");
        }
    }
}
