using System.Globalization;

namespace OrdersBench;

/// <summary>
/// CPU time used so far on this machine (Linux /proc), in total and per part of the system: each Mart service,
/// PostgreSQL (every backend, and those that exited, through the server's children time), Redis, Aspire's own
/// processes and this bench. Two samples give where a run's CPU went.
/// </summary>
internal sealed record CpuSample(double BusySeconds, IReadOnlyDictionary<string, double> SecondsByPart)
{
    /// <summary>The parts, in the order the table prints them.</summary>
    public static readonly string[] Parts = ["postgres", "orders", "products", "payments", "market", "identity", "redis", "aspire", "bench", "other"];

    // Clock ticks per second of /proc's counters (USER_HZ); 100 on every Linux this bench targets.
    private const double TicksPerSecond = 100;

    public static bool Supported => File.Exists("/proc/stat");

    public static CpuSample Take()
    {
        // The first line of /proc/stat: user nice system idle iowait irq softirq, in ticks; busy is all but idle and
        // iowait (steal, the time a virtual machine's host ran something else, comes after and is not counted).
        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..8]
            .Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var busy = (machine.Sum() - machine[3] - machine[4]) / TicksPerSecond;

        var byPart = Parts.ToDictionary(part => part, _ => 0.0);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _) || ReadTicks(directory) is not { } ticks)
            {
                continue;
            }

            byPart[PartOf(directory)] += ticks / TicksPerSecond;
        }

        return new CpuSample(busy, byPart);
    }

    /// <summary>Milliseconds of CPU per order between <paramref name="before"/> and <paramref name="after"/>, per part and in total.</summary>
    public static (Dictionary<string, double> ByPart, double Total) PerOrder(CpuSample before, CpuSample after, int orders) =>
        (Parts.ToDictionary(part => part, part => 1000 * (after.SecondsByPart[part] - before.SecondsByPart[part]) / orders),
         1000 * (after.BusySeconds - before.BusySeconds) / orders);

    /// <summary>utime + stime + cutime + cstime (fields 14-17 of /proc/PID/stat); null when the process is gone.</summary>
    private static double? ReadTicks(string directory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));

            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[11..15].Sum(field => double.Parse(field, CultureInfo.InvariantCulture));
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

    private static string PartOf(string directory)
    {
        string command;
        try
        {
            command = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "other";
        }

        return command switch
        {
            _ when command.Contains("Mart.Orders", StringComparison.Ordinal) => "orders",
            _ when command.Contains("Mart.Products", StringComparison.Ordinal) => "products",
            _ when command.Contains("Mart.Payments", StringComparison.Ordinal) => "payments",
            _ when command.Contains("Mart.Market", StringComparison.Ordinal) => "market",
            _ when command.Contains("Mart.Identity", StringComparison.Ordinal) => "identity",
            _ when command.Contains("Mart.AppHost", StringComparison.Ordinal) || command.Contains("/dcp", StringComparison.Ordinal)
                || command.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "aspire",
            _ when command.Contains("OrdersBench", StringComparison.Ordinal) => "bench",
            _ when command.Contains("redis-server", StringComparison.Ordinal) => "redis",
            _ when command.StartsWith("postgres", StringComparison.Ordinal) || command.Contains("/postgres ", StringComparison.Ordinal) => "postgres",
            _ => "other",
        };
    }
}
