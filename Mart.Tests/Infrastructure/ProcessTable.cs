using System.Globalization;

namespace Mart.Tests.Infrastructure;

/// <summary>Reads Linux's process table (/proc) to check which processes exist and who started them.</summary>
public static class ProcessTable
{
    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid) => ReadStat(pid) is { } stat && stat.State != 'Z';

    /// <summary>The process and every process below it.</summary>
    public static IReadOnlyList<int> WithDescendants(int root)
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: ReadStat(pid)))
            .Where(p => p.Stat is not null)
            .ToLookup(p => p.Stat!.Value.ParentPid, p => p.Pid);
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents[result[i]]);
        }

        return result;
    }

    /// <summary>The DCP processes above a resource's process (its controller and API server).</summary>
    public static IEnumerable<int> DcpAncestors(int pid)
    {
        var current = pid;
        while (ReadStat(current) is { } stat && stat.ParentPid > 1 && CommandLine(stat.ParentPid).Contains("/dcp", StringComparison.Ordinal))
        {
            current = stat.ParentPid;
            yield return current;
        }
    }

    /// <summary>Waits until none of the processes is alive; false when some still are at the deadline.</summary>
    public static async Task<bool> WaitUntilAllGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var remaining = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while ((remaining = remaining.Where(IsAlive).ToList()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        return remaining.Count == 0;
    }

    /// <summary>The process's command line, arguments separated by spaces; empty once it has ended.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static (char State, int ParentPid)? ReadStat(int pid)
    {
        try
        {
            // Format: pid (comm) state ppid ...; comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
