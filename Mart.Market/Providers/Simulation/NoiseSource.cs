namespace Mart.Market.Providers.Simulation;

/// <summary>
/// Reproducible pseudo-random numbers addressed by position rather than drawn in sequence: the value at
/// (seed, key, a, b, salt) is always the same, so any point of a simulated series can be computed directly,
/// by any process, in any order. SplitMix64's finaliser does the mixing.
/// </summary>
internal readonly struct NoiseSource
{
    private readonly ulong root;

    public NoiseSource(long seed, string key)
    {
        // FNV-1a over the key's UTF-16 units: string.GetHashCode is randomised per process, this is not.
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        root = Mix(Mix((ulong)seed) ^ hash);
    }

    /// <summary>64 well-mixed bits for a position.</summary>
    public ulong Bits(long a, long b, int salt) =>
        Mix(Mix(Mix(root ^ (ulong)salt) ^ (ulong)a) ^ ((ulong)b * 0xD1B54A32D192ED03UL));

    /// <summary>Uniform in [0, 1).</summary>
    public double Unit(long a, long b, int salt) => (Bits(a, b, salt) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller over two positions).</summary>
    public double Gaussian(long a, long b, int salt)
    {
        var u1 = Math.Max(Unit(a, b, salt * 2), double.Epsilon);
        var u2 = Unit(a, b, (salt * 2) + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An index in [0, <paramref name="count"/>).</summary>
    public int Pick(int count, long a, long b, int salt) => (int)(Bits(a, b, salt) % (ulong)count);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
