namespace Mart.AppHost.Servers;

/// <summary>The on-disk PostgreSQL cluster of a local server: created by <c>initdb</c> once, then reused.</summary>
internal sealed class PostgresCluster(string binFolder, string stateFolder, string resourceFolder, string? serviceUser, bool durable)
{
    public string DataFolder => Path.Combine(resourceFolder, "data");

    public string ServerBinary => Path.Combine(binFolder, "postgres");

    /// <summary>Runs <c>initdb</c> when there is no cluster yet. The password goes in through a private file, never the command line.</summary>
    public async Task EnsureInitializedAsync(string password, Microsoft.Extensions.Logging.ILogger resourceLog, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            return;
        }

        if (Directory.Exists(DataFolder) && Directory.EnumerateFileSystemEntries(DataFolder).Any())
        {
            throw new DistributedApplicationException(
                $"'{DataFolder}' holds files but no PostgreSQL cluster. Remove the folder to start with an empty database.");
        }

        Directory.CreateDirectory(DataFolder);
        if (serviceUser is not null)
        {
            StateFolder.AllowTraversal(stateFolder);
            StateFolder.AllowTraversal(resourceFolder);
        }

        var passwordFile = Path.Combine(resourceFolder, ".initdb-password");
        StateFolder.WritePrivateFile(passwordFile, password);
        try
        {
            if (serviceUser is not null)
            {
                await ShortCommand.RunAsync("chown", [$"{serviceUser}:{serviceUser}", DataFolder, passwordFile], resourceLog, cancellationToken).ConfigureAwait(false);
            }

            List<string> initdb =
            [
                Path.Combine(binFolder, "initdb"), "-D", DataFolder, "-U", LocalPostgresServerResource.UserName,
                $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C",
            ];
            if (!durable)
            {
                initdb.Add("--no-sync");
            }

            ServerLog.CreatingCluster(resourceLog, DataFolder);
            var (fileName, arguments) = AsServiceUser(initdb);
            await ShortCommand.RunAsync(fileName, arguments, resourceLog, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>The server's arguments, the port coming last from the caller (DCP allocates it).</summary>
    public IReadOnlyList<string> ServerArguments()
    {
        List<string> arguments =
        [
            "-D", DataFolder,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        ];
        if (!durable)
        {
            // Thrown away after the run, so crash safety across power loss buys nothing. A commit is still written to the
            // OS before it is answered (local: no fsync, no standby), so a killed server loses nothing it answered.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=local", "-c", "full_page_writes=off"]);
        }

        return arguments;
    }

    /// <summary>As root, a command runs as PostgreSQL's OS user through <c>setpriv</c>, which then becomes that command (same pid).</summary>
    public (string FileName, IReadOnlyList<string> Arguments) AsServiceUser(IReadOnlyList<string> command) =>
        serviceUser is null
            ? (command[0], command.Skip(1).ToList())
            : (ExecutableLocator.FindOnPath("setpriv") ?? "setpriv",
                [$"--reuid={serviceUser}", $"--regid={serviceUser}", "--init-groups", "--", .. command]);
}
