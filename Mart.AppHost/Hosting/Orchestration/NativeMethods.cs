using System.Runtime.InteropServices;

namespace Mart.Hosting.Orchestration;

/// <summary>The few POSIX calls .NET does not expose: sending a chosen signal, and who we are.</summary>
internal static partial class NativeMethods
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    /// <summary>Sends a signal; false when the process no longer exists.</summary>
    public static bool SendSignal(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => !OperatingSystem.IsWindows() ? Kill(pid, 0) == 0 : IsAliveOnWindows(pid);

    private static bool IsAliveOnWindows(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
