using System.Globalization;

namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>
/// The seed and the bounds of a fuzz run. The suite runs a fixed seed so its verdict repeats; MART_FUZZ_SEED picks another,
/// MART_FUZZ_SECONDS and MART_FUZZ_REQUESTS bound it (whichever is reached first).
/// </summary>
public sealed record FuzzSettings(int Seed, TimeSpan Duration, int MaxRequests, int Parallelism)
{
    public static FuzzSettings FromEnvironment() => new(
        Read("MART_FUZZ_SEED") ?? 1,
        TimeSpan.FromSeconds(Read("MART_FUZZ_SECONDS") ?? 60),
        Read("MART_FUZZ_REQUESTS") ?? 6000,
        Parallelism: 4);

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
