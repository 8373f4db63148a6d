using System.Security.Cryptography;

namespace Mart.AppHost.Servers;

/// <summary>Where local servers keep their data between runs and their generated passwords, each file private to its
/// owner.</summary>
internal sealed class StateFolder(string path)
{
    /// <summary>Configuration key of the folder; relative paths are taken from the AppHost's directory.</summary>
    public const string ConfigurationKey = "AppHost:StateFolder";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static StateFolder From(IDistributedApplicationBuilder builder) =>
        new(System.IO.Path.Combine(builder.AppHostDirectory, builder.Configuration[ConfigurationKey] ?? ".state"));

    public string For(string resourceName)
    {
        var folder = System.IO.Path.Combine(Path, resourceName);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The resource's password: generated on first use, then read back, so it stays the one the data was made
    /// with.</summary>
    public string GetOrCreateSecret(string resourceName, string secretName)
    {
        var file = System.IO.Path.Combine(For(resourceName), secretName);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        // Letters and digits only: the value goes into connection strings, URIs and config files unquoted.
        var secret = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 32);
        WritePrivateFile(file, secret);
        return secret;
    }

    public static void WritePrivateFile(string file, string content)
    {
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(file, FileMode.Create, FileAccess.Write)
            : new FileStream(file, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its old mode on open; make sure it is private now.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Lets another OS user (PostgreSQL's) pass through a folder to its data below, without listing or reading
    /// it.</summary>
    public static void AllowTraversal(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
