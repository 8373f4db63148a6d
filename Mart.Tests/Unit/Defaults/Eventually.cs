using System.Diagnostics;

namespace Mart.Tests.Unit.Defaults;

/// <summary>Waits for something that happens after the response, such as a span ending or a batch being exported.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
