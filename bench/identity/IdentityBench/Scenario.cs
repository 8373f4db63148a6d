using System.Collections.Concurrent;
using System.Diagnostics;

namespace IdentityBench;

/// <summary>One flow run by a number of workers in a closed loop for a fixed time.</summary>
internal static class Scenario
{
    /// <param name="operation">Makes worker <c>i</c>'s operation; each call is one measured operation.</param>
    public static async Task<ScenarioResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<int, Func<Task>> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var cpuBefore = MachineCpu.BusyMilliseconds();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var run = operation(worker);
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    await run();
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"{name}: {ex.Message}");
                    }
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var cpu = MachineCpu.BusyMilliseconds() - cpuBefore;
        var sorted = latencies.Order().ToArray();
        return new ScenarioResult(
            name,
            concurrency,
            sorted.Length,
            errors,
            sorted.Length / elapsed.TotalSeconds,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : cpu / sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

internal sealed record ScenarioResult(string Name, int Concurrency, int Done, int Errors, double PerSecond, double P50, double P99, double CpuMsPerOp);
