using System.Globalization;

namespace IdentityBench;

/// <summary>Busy CPU time of the whole machine (all cores, every process: identity, PostgreSQL, the bench), from /proc/stat.</summary>
internal static class MachineCpu
{
    // USER_HZ: /proc/stat counts in hundredths of a second on Linux.
    private const double MillisecondsPerTick = 10;

    public static double BusyMilliseconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return busy * MillisecondsPerTick;
    }
}
