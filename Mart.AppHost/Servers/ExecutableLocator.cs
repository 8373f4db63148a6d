namespace Mart.AppHost.Servers;

/// <summary>Finds the machine's server binaries: on PATH, or where distributions install them.</summary>
internal static class ExecutableLocator
{
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);

    /// <summary>
    /// The folder holding both <c>initdb</c> and <c>postgres</c>: PATH first, then Debian's
    /// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (newest first), which is not on PATH.
    /// </summary>
    public static string? FindPostgresBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(dir =>
            IsExecutable(Path.Combine(dir, "initdb")) && IsExecutable(Path.Combine(dir, "postgres")));
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);
}
