using System.Security.Cryptography;

namespace Mart.Hosting.Orchestration;

/// <summary>
/// Where servers keep their data between runs (Aspire's data-volume meaning) and where generated passwords are
/// kept, each readable by its owner only.
/// </summary>
internal sealed class StateFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string For(string resourceName)
    {
        var folder = System.IO.Path.Combine(Path, resourceName);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string LogsFolder => System.IO.Path.Combine(Path, "logs");

    /// <summary>The resource's password: generated on first use, then read back on every later run.</summary>
    public string GetOrCreateSecret(string resourceName, string secretName)
    {
        var file = System.IO.Path.Combine(For(resourceName), secretName);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        // Letters and digits only: the value goes into connection strings and config files unquoted.
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
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
